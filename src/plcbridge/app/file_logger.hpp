#pragma once
/// The service's log: the file of docs/CONTRACT.md "Log file" (one line per event, `<UTC ISO-8601
/// time> [LEVEL] <message>`, size-based rotation app.log -> app.log.1 -> ... -> app.log.N, reopened on
/// SIGHUP for logrotate), and the console: the same line on stdout, or under systemd the journal's
/// `<N>message` (docs/OPERATIONS.md "Logs"). `[log] file = ""` writes the console only.

#include <cstdint>
#include <fstream>
#include <iosfwd>
#include <memory>
#include <mutex>
#include <string>

#include "plcbridge/app/config.hpp"
#include "plcbridge/core/logger.hpp"
#include "plcbridge/core/result.hpp"

namespace plcbridge::app {

/// What standard output gets: nothing, the file's line, or the journal's line with its priority.
enum class ConsoleFormat { none, plain, journal };

struct FileLoggerOptions {
    std::string path = "logs/app.log";  ///< empty: no file
    LogLevel min_level = LogLevel::info;
    std::uintmax_t max_bytes = 10 * 1024 * 1024;
    int keep_files = 5;
    ConsoleFormat console = ConsoleFormat::plain;
    std::ostream* console_stream = nullptr;  ///< nullptr: std::cout
};

/// The [log] section as logger options (level and target words are validated when the config is
/// loaded). `target = "auto"` means the journal when stdout is systemd's journal stream (the
/// JOURNAL_STREAM variable `env` gives matches descriptor 1), else the plain console.
[[nodiscard]] FileLoggerOptions logger_options(const LogConfig& config, const EnvLookup& env);

class FileLogger final : public Logger {
  public:
    /// Creates the folder if needed; an unwritable path is an error naming it.
    [[nodiscard]] static Result<std::unique_ptr<FileLogger>> open(FileLoggerOptions options);
    void log(LogLevel level, std::string_view message) override;
    /// Closes and opens the file again by its name: after logrotate moved it away, lines go to the
    /// new file. An error names the path; the logger keeps writing the console meanwhile.
    [[nodiscard]] Result<void> reopen();

  private:
    explicit FileLogger(FileLoggerOptions options) : options_(std::move(options)) {}
    [[nodiscard]] Result<void> open_file();
    void rotate();

    FileLoggerOptions options_;
    std::mutex mutex_;
    std::ofstream file_;
    std::uintmax_t size_ = 0;
};

}  // namespace plcbridge::app
