#include "plcbridge/app/log_format.hpp"

#include <fmt/format.h>

#include "plcbridge/store/time_text.hpp"

namespace plcbridge::app {

int journal_priority(LogLevel level) noexcept {
    switch (level) {
        case LogLevel::debug: return 7;
        case LogLevel::info: return 6;
        case LogLevel::warning: return 4;
        case LogLevel::error: return 3;
    }
    return 6;
}

std::string file_line(std::chrono::system_clock::time_point at, LogLevel level, std::string_view message) {
    return fmt::format("{} [{}] {}\n", store::to_db_time(at), level_name(level), message);
}

std::string journal_line(LogLevel level, std::string_view message) {
    // journald reads one record per line: a break inside a message (an Odoo traceback) would start a
    // record without a priority, shown at the default level.
    std::string line = fmt::format("<{}>{}\n", journal_priority(level), message);
    for (std::size_t i = 3; i + 1 < line.size(); ++i)
        if (line[i] == '\n' || line[i] == '\r') line[i] = ' ';
    return line;
}

}  // namespace plcbridge::app
