#pragma once
/// Where the service's operator-facing log lines go. One interface, injected (no global logger):
/// the file logger in app/ writes the format of docs/CONTRACT.md "Log file"; tests capture lines in memory.

#include <string_view>

namespace plcbridge {

enum class LogLevel { debug, info, warning, error };

[[nodiscard]] constexpr std::string_view level_name(LogLevel level) noexcept {
    switch (level) {
        case LogLevel::debug: return "DEBUG";
        case LogLevel::info: return "INFO";
        case LogLevel::warning: return "WARNING";
        case LogLevel::error: return "ERROR";
    }
    return "INFO";
}

class Logger {
  public:
    virtual ~Logger() = default;
    virtual void log(LogLevel level, std::string_view message) = 0;
};

}  // namespace plcbridge
