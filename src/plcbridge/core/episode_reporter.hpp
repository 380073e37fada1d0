#pragma once
/// Says a condition that lasts (the database away, Odoo away) once when it starts and once when it
/// ends, instead of once per cycle: a five-minute outage is two lines in the log, not three hundred.
/// The cycles in between are logged at DEBUG, so nothing is hidden from a debug log.

#include <cstdint>
#include <string>
#include <string_view>

#include "plcbridge/core/logger.hpp"

namespace plcbridge {

class EpisodeReporter {
  public:
    explicit EpisodeReporter(Logger& log, LogLevel start_level = LogLevel::error) : log_(log), level_(start_level) {}

    /// The condition holds this cycle. `what` is logged at the start level when an episode starts,
    /// at DEBUG while it lasts.
    void failing(std::string_view what) {
        log_.log(open_ ? LogLevel::debug : level_, what);
        open_ = true;
        ++cycles_;
    }
    /// The condition no longer holds: when an episode was open, `ended` is logged at INFO with the
    /// number of failed cycles.
    void recovered(std::string_view ended) {
        if (open_)
            log_.log(LogLevel::info, std::string(ended) + " (after " + std::to_string(cycles_) + " failed cycle(s))");
        open_ = false;
        cycles_ = 0;
    }
    [[nodiscard]] bool open() const noexcept { return open_; }

  private:
    Logger& log_;
    LogLevel level_;
    bool open_ = false;
    std::uint64_t cycles_ = 0;
};

}  // namespace plcbridge
