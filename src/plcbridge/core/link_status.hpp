#pragma once
/// What a task last saw of one external system (the PLC, Odoo), for health: when it last answered,
/// and how many attempts in a row have failed since. A refusal (Odoo: "MO is done") is an answer.

#include <chrono>
#include <optional>
#include <string>

namespace plcbridge {

struct LinkStatus {
    using TimePoint = std::chrono::system_clock::time_point;

    std::optional<TimePoint> last_ok;
    std::optional<TimePoint> last_failure;
    std::string last_error;
    int consecutive_failures = 0;

    void answered(TimePoint at) {
        last_ok = at;
        consecutive_failures = 0;
    }
    void failed(TimePoint at, std::string error) {
        last_failure = at;
        last_error = std::move(error);
        ++consecutive_failures;
    }
    [[nodiscard]] bool ever_contacted() const noexcept { return last_ok.has_value() || last_failure.has_value(); }
    [[nodiscard]] bool down() const noexcept { return consecutive_failures > 0; }
};

}  // namespace plcbridge
