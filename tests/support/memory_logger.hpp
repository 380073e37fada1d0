#pragma once
// A Logger that keeps the lines, for asserting the exact operator-facing wording.

#include <mutex>
#include <string>
#include <vector>

#include "plcbridge/core/logger.hpp"

namespace plcbridge::testing {

class MemoryLogger final : public Logger {
  public:
    void log(LogLevel level, std::string_view message) override {
        std::lock_guard lock(mutex_);
        lines_.push_back("[" + std::string(level_name(level)) + "] " + std::string(message));
    }
    std::vector<std::string> lines() const {
        std::lock_guard lock(mutex_);
        return lines_;
    }

  private:
    mutable std::mutex mutex_;
    std::vector<std::string> lines_;
};

}  // namespace plcbridge::testing
