#include "plcbridge/core/time_zone.hpp"

#include <algorithm>
#include <system_error>

#include "plcbridge/core/text_file.hpp"

namespace plcbridge {
namespace {

Error bad(const std::string& name, const std::string& why) {
    return make_error(std::errc::invalid_argument, "time zone '" + name + "': " + why);
}

/// Big-endian reads over the file's bytes, refusing to run past the end.
class Reader {
  public:
    explicit Reader(std::string_view bytes) : bytes_(bytes) {}
    bool has(std::size_t n) const { return pos_ + n <= bytes_.size(); }
    std::int64_t be(std::size_t n) {
        std::uint64_t v = 0;
        for (std::size_t i = 0; i < n; ++i)
            v = (v << 8) | static_cast<unsigned char>(bytes_[pos_ + i]);
        pos_ += n;
        if (n == 4) return static_cast<std::int32_t>(static_cast<std::uint32_t>(v));  // sign of 32-bit fields
        return static_cast<std::int64_t>(v);
    }
    void skip(std::size_t n) { pos_ += n; }
    std::string_view rest() const { return bytes_.substr(pos_); }
    std::size_t position() const { return pos_; }

  private:
    std::string_view bytes_;
    std::size_t pos_ = 0;
};

struct Header {
    char version = 0;
    std::size_t isutcnt = 0, isstdcnt = 0, leapcnt = 0, timecnt = 0, typecnt = 0, charcnt = 0;
};

bool read_header(Reader& r, Header& h) {
    if (!r.has(44) || r.rest().substr(0, 4) != "TZif") return false;
    r.skip(4);
    h.version = r.rest()[0];
    r.skip(16);
    h.isutcnt = static_cast<std::size_t>(r.be(4));
    h.isstdcnt = static_cast<std::size_t>(r.be(4));
    h.leapcnt = static_cast<std::size_t>(r.be(4));
    h.timecnt = static_cast<std::size_t>(r.be(4));
    h.typecnt = static_cast<std::size_t>(r.be(4));
    h.charcnt = static_cast<std::size_t>(r.be(4));
    return h.typecnt > 0 && h.typecnt < 256 && h.timecnt < 100000;
}

std::size_t data_size(const Header& h, std::size_t time_bytes) {
    return h.timecnt * time_bytes + h.timecnt + h.typecnt * 6 + h.charcnt + h.leapcnt * (time_bytes + 4) + h.isstdcnt +
           h.isutcnt;
}

}  // namespace

Result<TimeZone> TimeZone::load(const std::string& name, const std::string& directory) {
    // An IANA name: letters, digits, '/', '_', '-', '+'; never a path that climbs out.
    const bool plain = !name.empty() && name.find("..") == std::string::npos && name.front() != '/' &&
                       std::all_of(name.begin(), name.end(), [](char c) {
                           return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                                  c == '/' || c == '_' || c == '-' || c == '+';
                       });
    if (!plain) return bad(name, "not an IANA time zone name (e.g. Asia/Jakarta, UTC)");
    const TextFile file = read_text_file(directory + "/" + name);
    if (!file.text) {
        return bad(name, "not found in " + directory + " (" + file.why +
                             "): use an IANA name such as Asia/Jakarta; is the tzdata package installed?");
    }
    return parse(name, *file.text);
}

Result<TimeZone> TimeZone::parse(std::string name, std::string_view tzif) {
    Reader r(tzif);
    Header h;
    if (!read_header(r, h)) return bad(name, "not a TZif file");
    std::size_t time_bytes = 4;
    if (h.version >= '2') {
        // Skip the 32-bit block; the second header describes 64-bit times.
        if (!r.has(data_size(h, 4))) return bad(name, "truncated TZif file");
        r.skip(data_size(h, 4));
        if (!read_header(r, h)) return bad(name, "TZif version 2 without its second header");
        time_bytes = 8;
    }
    if (!r.has(data_size(h, time_bytes))) return bad(name, "truncated TZif file");
    std::vector<std::int64_t> times(h.timecnt);
    for (auto& t : times)
        t = r.be(time_bytes);
    std::vector<std::size_t> type_of(h.timecnt);
    for (auto& i : type_of)
        i = static_cast<std::size_t>(r.be(1));
    std::vector<std::int32_t> offsets(h.typecnt);
    std::vector<bool> dst(h.typecnt);
    for (std::size_t i = 0; i < h.typecnt; ++i) {
        offsets[i] = static_cast<std::int32_t>(r.be(4));
        dst[i] = r.be(1) != 0;
        r.skip(1);
    }
    TimeZone zone;
    zone.name_ = std::move(name);
    // Before the first transition: the first standard-time type (RFC 8536 3.2), else type 0.
    zone.initial_offset_ = offsets[0];
    for (std::size_t i = 0; i < h.typecnt; ++i) {
        if (!dst[i]) {
            zone.initial_offset_ = offsets[i];
            break;
        }
    }
    for (std::size_t i = 0; i < h.timecnt; ++i) {
        if (type_of[i] >= h.typecnt) return bad(zone.name_, "TZif transition names a type that does not exist");
        if (i > 0 && times[i] <= times[i - 1]) return bad(zone.name_, "TZif transitions out of order");
        zone.transitions_.push_back(times[i]);
        zone.offsets_after_.push_back(offsets[type_of[i]]);
    }
    return zone;
}

std::chrono::seconds TimeZone::offset_at(std::chrono::sys_seconds utc) const noexcept {
    const std::int64_t t = utc.time_since_epoch().count();
    const auto it = std::upper_bound(transitions_.begin(), transitions_.end(), t);
    if (it == transitions_.begin()) return std::chrono::seconds(initial_offset_);
    return std::chrono::seconds(offsets_after_[static_cast<std::size_t>(it - transitions_.begin()) - 1]);
}

std::chrono::sys_seconds TimeZone::to_utc(std::chrono::local_seconds local) const noexcept {
    // Guess with the offset in force at local-as-UTC, then correct once with the offset in force at
    // that guess: exact except in the hours a change skips or repeats.
    const std::chrono::sys_seconds as_utc{local.time_since_epoch()};
    const std::chrono::sys_seconds first = as_utc - offset_at(as_utc);
    const std::chrono::sys_seconds second = as_utc - offset_at(first);
    return std::min(first, second);
}

}  // namespace plcbridge
