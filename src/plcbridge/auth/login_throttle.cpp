#include "plcbridge/auth/login_throttle.hpp"

#include <algorithm>

namespace plcbridge::auth {

using std::chrono::seconds;

std::optional<seconds> LoginThrottle::locked_for(const std::string& key, SteadyTime now) const {
    auto it = records_.find(key);
    if (it == records_.end() || it->second.locked_until <= now) return std::nullopt;
    // Rounded up: "locked for 0 s" would invite an immediate retry that is still refused.
    return std::chrono::ceil<seconds>(it->second.locked_until - now);
}

void LoginThrottle::record_failure(const std::string& key, SteadyTime now) {
    auto it = records_.find(key);
    if (it == records_.end()) {
        if (records_.size() >= kMaxKeys) {
            auto stalest = std::min_element(records_.begin(), records_.end(), [](const auto& a, const auto& b) {
                return a.second.last_failure < b.second.last_failure;
            });
            records_.erase(stalest);
        }
        it = records_.emplace(key, Record{0, now, now, now}).first;
    }
    Record& r = it->second;
    if (now - r.first_failure > kWindow && r.locked_until <= now) r = Record{0, now, now, now};
    ++r.failures;
    r.last_failure = now;
    if (r.failures >= kFreeFailures) {
        // 30 s at the 5th failure, 60 s at the 6th, ... capped.
        const int doublings = std::min(r.failures - kFreeFailures, 10);
        const auto lock = std::min<std::chrono::seconds>(kFirstLock * (1 << doublings), kMaxLock);
        r.locked_until = now + lock;
    }
}

void LoginThrottle::record_success(const std::string& key) {
    records_.erase(key);
}

}  // namespace plcbridge::auth
