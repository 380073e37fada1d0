#pragma once
/// The plant's time zone: the PLC's clock shows local time, Odoo stores naive UTC. Reads the
/// system's IANA database (TZif files under /usr/share/zoneinfo, Debian's tzdata) once, at start;
/// converting is then pure. Debian ships "fat" files with every transition up to 2037; a time after
/// the last transition keeps its offset (POSIX rule footers are not interpreted).

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "plcbridge/core/result.hpp"

namespace plcbridge {

class TimeZone {
  public:
    /// UTC: local time is UTC.
    TimeZone() = default;
    /// `name` as in the IANA database ("Asia/Jakarta", "UTC"); std::errc::invalid_argument with
    /// the reason for a name that is not one, or a file that is not TZif.
    [[nodiscard]] static Result<TimeZone> load(const std::string& name,
                                               const std::string& directory = "/usr/share/zoneinfo");
    /// A TZif file's bytes (tests).
    [[nodiscard]] static Result<TimeZone> parse(std::string name, std::string_view tzif);

    /// The UTC instant of a wall-clock time in this zone (in the hour a clock change repeats or
    /// skips, one of the two candidate instants).
    [[nodiscard]] std::chrono::sys_seconds to_utc(std::chrono::local_seconds local) const noexcept;
    /// The offset from UTC in force at `utc`.
    [[nodiscard]] std::chrono::seconds offset_at(std::chrono::sys_seconds utc) const noexcept;
    [[nodiscard]] const std::string& name() const noexcept { return name_; }

  private:
    std::string name_ = "UTC";
    std::vector<std::int64_t> transitions_;    ///< UTC seconds, ascending
    std::vector<std::int32_t> offsets_after_;  ///< the offset from each transition on
    std::int32_t initial_offset_ = 0;          ///< before the first transition
};

}  // namespace plcbridge
