#pragma once
/// The log file of docs/CONTRACT.md "Log file": one line per event, `<UTC ISO-8601 time> [LEVEL] <message>`,
/// also echoed to stdout, with size-based rotation (app.log -> app.log.1 -> ... -> app.log.N).

#include <cstdint>
#include <fstream>
#include <memory>
#include <mutex>
#include <string>

#include "plcbridge/app/config.hpp"
#include "plcbridge/core/logger.hpp"
#include "plcbridge/core/result.hpp"

namespace plcbridge::app {

struct FileLoggerOptions {
    std::string path = "logs/app.log";
    LogLevel min_level = LogLevel::info;
    std::uintmax_t max_bytes = 10 * 1024 * 1024;
    int keep_files = 5;
    bool echo_stdout = true;
};

/// The [log] section as logger options (level names are validated when the config is loaded).
[[nodiscard]] FileLoggerOptions logger_options(const LogConfig& config);

class FileLogger final : public Logger {
  public:
    /// Creates the folder if needed; an unwritable path is an error naming it.
    [[nodiscard]] static Result<std::unique_ptr<FileLogger>> open(FileLoggerOptions options);
    void log(LogLevel level, std::string_view message) override;

  private:
    explicit FileLogger(FileLoggerOptions options) : options_(std::move(options)) {}
    void rotate();

    FileLoggerOptions options_;
    std::mutex mutex_;
    std::ofstream file_;
    std::uintmax_t size_ = 0;
};

}  // namespace plcbridge::app
