#include "plcbridge/app/file_logger.hpp"

#include <chrono>
#include <filesystem>
#include <iostream>

#include <fmt/format.h>

#include "plcbridge/store/time_text.hpp"

namespace plcbridge::app {

namespace fs = std::filesystem;

FileLoggerOptions logger_options(const LogConfig& config) {
    FileLoggerOptions options;
    options.path = config.file;
    if (config.level == "debug") options.min_level = LogLevel::debug;
    if (config.level == "warning") options.min_level = LogLevel::warning;
    if (config.level == "error") options.min_level = LogLevel::error;
    return options;
}

Result<std::unique_ptr<FileLogger>> FileLogger::open(FileLoggerOptions options) {
    std::error_code ec;
    const fs::path path(options.path);
    if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
    std::unique_ptr<FileLogger> logger(new FileLogger(std::move(options)));
    logger->file_.open(logger->options_.path, std::ios::app);
    if (!logger->file_) {
        return Error{std::make_error_code(std::errc::permission_denied),
                     fmt::format("[log] file {}: cannot open for writing (check the folder and its permissions)",
                                 logger->options_.path)};
    }
    logger->size_ = fs::file_size(logger->options_.path, ec);
    return logger;
}

void FileLogger::log(LogLevel level, std::string_view message) {
    if (level < options_.min_level) return;
    const std::string line =
        fmt::format("{} [{}] {}\n", store::to_db_time(std::chrono::system_clock::now()), level_name(level), message);
    std::lock_guard lock(mutex_);
    if (size_ + line.size() > options_.max_bytes) rotate();
    file_ << line;
    file_.flush();
    size_ += line.size();
    if (options_.echo_stdout) std::cout << line << std::flush;
}

void FileLogger::rotate() {
    file_.close();
    std::error_code ec;
    for (int i = options_.keep_files - 1; i >= 1; --i) {
        fs::rename(fmt::format("{}.{}", options_.path, i), fmt::format("{}.{}", options_.path, i + 1), ec);
    }
    fs::rename(options_.path, options_.path + ".1", ec);
    file_.open(options_.path, std::ios::trunc);
    size_ = 0;
}

}  // namespace plcbridge::app
