#include "plcbridge/app/file_logger.hpp"

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <iostream>

#include <fmt/format.h>

#include "plcbridge/app/journal_stream.hpp"
#include "plcbridge/app/log_format.hpp"

namespace plcbridge::app {

namespace fs = std::filesystem;

FileLoggerOptions logger_options(const LogConfig& config, const EnvLookup& env) {
    FileLoggerOptions options;
    options.path = config.file;
    if (config.level == "debug") options.min_level = LogLevel::debug;
    if (config.level == "warning") options.min_level = LogLevel::warning;
    if (config.level == "error") options.min_level = LogLevel::error;
    const bool journal = config.target == "journal" ||
                         (config.target == "auto" && is_journal_stream(env("JOURNAL_STREAM"), STDOUT_FILENO));
    options.console = journal ? ConsoleFormat::journal : ConsoleFormat::plain;
    return options;
}

Result<std::unique_ptr<FileLogger>> FileLogger::open(FileLoggerOptions options) {
    std::unique_ptr<FileLogger> logger(new FileLogger(std::move(options)));
    if (auto opened = logger->open_file(); !opened) return std::move(opened).error();
    return logger;
}

Result<void> FileLogger::open_file() {
    if (options_.path.empty()) return {};
    std::error_code ec;
    const fs::path path(options_.path);
    if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
    file_.open(options_.path, std::ios::app);
    if (!file_) {
        return Error{std::make_error_code(std::errc::permission_denied),
                     fmt::format("[log] file {}: cannot open for writing (check the folder and its permissions)",
                                 options_.path)};
    }
    size_ = fs::file_size(options_.path, ec);
    return {};
}

Result<void> FileLogger::reopen() {
    std::lock_guard lock(mutex_);
    file_.close();
    file_.clear();
    return open_file();
}

void FileLogger::log(LogLevel level, std::string_view message) {
    if (level < options_.min_level) return;
    const std::string line = file_line(std::chrono::system_clock::now(), level, message);
    std::lock_guard lock(mutex_);
    if (file_.is_open()) {
        if (size_ + line.size() > options_.max_bytes) rotate();
        file_ << line;
        file_.flush();
        size_ += line.size();
    }
    std::ostream& console = options_.console_stream != nullptr ? *options_.console_stream : std::cout;
    if (options_.console == ConsoleFormat::plain) console << line << std::flush;
    if (options_.console == ConsoleFormat::journal) console << journal_line(level, message) << std::flush;
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
