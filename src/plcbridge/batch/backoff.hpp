#pragma once
/// Capped exponential backoff for retried Odoo effects: first, 2x first, 4x first ... never above
/// cap. Deterministic (no jitter): a plant has one bridge per Odoo, not a thundering herd.

#include <algorithm>
#include <chrono>

namespace plcbridge::batch {

struct BackoffPolicy {
    std::chrono::milliseconds first{5000};
    std::chrono::milliseconds cap{std::chrono::minutes(5)};
};

/// The wait after the `failures`-th consecutive failure (1 = the first failure).
[[nodiscard]] constexpr std::chrono::milliseconds backoff_after(int failures, const BackoffPolicy& policy) noexcept {
    std::chrono::milliseconds wait = policy.first;
    for (int i = 1; i < failures && wait < policy.cap; ++i)
        wait *= 2;
    return std::min(wait, policy.cap);
}

}  // namespace plcbridge::batch
