#pragma once
/// The two shapes a log line takes (pure, so tests pin them): the log file's
/// `<UTC ISO-8601 time> [LEVEL] <message>` (docs/CONTRACT.md "Log file"), and the journal's
/// `<N><message>`, where N is the syslog priority that sd-daemon's stdout protocol reads
/// (docs/OPERATIONS.md "Logs"): journald stamps the time itself and `journalctl -p warning` filters
/// on N, so the message text stays exactly what the file would hold after `[LEVEL] `.

#include <chrono>
#include <string>
#include <string_view>

#include "plcbridge/core/logger.hpp"

namespace plcbridge::app {

/// syslog priority of a level: debug 7, info 6, warning 4, error 3.
[[nodiscard]] int journal_priority(LogLevel level) noexcept;

/// `2026-12-02T10:00:00.000Z [WARNING] message\n`
[[nodiscard]] std::string file_line(std::chrono::system_clock::time_point at, LogLevel level, std::string_view message);

/// `<4>message\n`; a message with line breaks keeps one record: each break becomes a space.
[[nodiscard]] std::string journal_line(LogLevel level, std::string_view message);

}  // namespace plcbridge::app
