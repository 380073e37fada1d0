#pragma once
/// Where the service's operator-facing log lines go. One interface, injected (no global logger):
/// the file logger in app/ writes the format of docs/CONTRACT.md "Log file"; tests capture lines in memory.

#include <string>
#include <string_view>
#include <utility>

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

/// Puts `prefix` before every line it passes on: each line of a deployment of several says which
/// line it is about ("line 2: Queued batch #1 ..."), a deployment of one logs as before.
class PrefixedLogger final : public Logger {
  public:
    PrefixedLogger(Logger& out, std::string prefix) : out_(out), prefix_(std::move(prefix)) {}
    void log(LogLevel level, std::string_view message) override {
        if (prefix_.empty()) {
            out_.log(level, message);
            return;
        }
        std::string line = prefix_;
        line.append(message);
        out_.log(level, line);
    }

  private:
    Logger& out_;
    std::string prefix_;
};

}  // namespace plcbridge
