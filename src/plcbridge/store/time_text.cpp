#include "plcbridge/store/time_text.hpp"

#include <charconv>
#include <ctime>

#include <fmt/format.h>

namespace plcbridge::store {

std::string to_db_time(TimePoint t) {
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
    const std::time_t seconds = ms >= 0 ? ms / 1000 : (ms - 999) / 1000;
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday,
                       utc.tm_hour, utc.tm_min, utc.tm_sec, ((ms % 1000) + 1000) % 1000);
}

std::optional<TimePoint> from_db_time(std::string_view text) {
    // YYYY-MM-DD[T ]HH:MM:SS[.fraction][Z|+00|+00:00]
    auto number = [&](std::size_t at, std::size_t len) -> std::optional<int> {
        if (at + len > text.size()) return std::nullopt;
        int v = 0;
        auto [end, ec] = std::from_chars(text.data() + at, text.data() + at + len, v);
        if (ec != std::errc{} || end != text.data() + at + len) return std::nullopt;
        return v;
    };
    auto year = number(0, 4), month = number(5, 2), day = number(8, 2);
    auto hour = number(11, 2), minute = number(14, 2), second = number(17, 2);
    if (!year || !month || !day || !hour || !minute || !second || text.size() < 19 || text[4] != '-' ||
        (text[10] != 'T' && text[10] != ' ')) {
        return std::nullopt;
    }
    std::int64_t millis = 0;
    std::size_t at = 19;
    if (at < text.size() && text[at] == '.') {
        int digits = 0;
        for (++at; at < text.size() && text[at] >= '0' && text[at] <= '9'; ++at, ++digits) {
            if (digits < 3) millis = millis * 10 + (text[at] - '0');
        }
        for (; digits < 3; ++digits)
            millis *= 10;
    }
    const std::string_view zone = text.substr(at);
    if (!(zone.empty() || zone == "Z" || zone == "+00" || zone == "+00:00")) return std::nullopt;
    std::tm utc{};
    utc.tm_year = *year - 1900;
    utc.tm_mon = *month - 1;
    utc.tm_mday = *day;
    utc.tm_hour = *hour;
    utc.tm_min = *minute;
    utc.tm_sec = *second;
    const std::time_t seconds = timegm(&utc);
    return TimePoint(std::chrono::milliseconds(static_cast<std::int64_t>(seconds) * 1000 + millis));
}

}  // namespace plcbridge::store
