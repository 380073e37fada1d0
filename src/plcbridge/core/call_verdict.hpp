#pragma once
/// How a call to another system (Odoo) ended, as a durable job acts on it: the one vocabulary
/// between the classification (odoo/outcome.hpp, which knows Odoo's habits) and the pure decisions
/// of each job kind (batch/), which must not know Odoo's error codes.

#include <string>

namespace plcbridge {

enum class CallVerdict {
    ok,               ///< the call did what was asked
    retry,            ///< a passing failure: call again after a backoff
    final,            ///< a definitive no (refused, not found): retrying cannot help
    needs_attention,  ///< failing in a way only a person can sort out
};

struct CallReport {
    CallVerdict verdict = CallVerdict::ok;
    /// For the operator when the call failed: the other side's own words when it answered, the
    /// whole reason (transport, timeout) otherwise. Empty for ok.
    std::string text;

    [[nodiscard]] bool ok() const noexcept { return verdict == CallVerdict::ok; }
};

}  // namespace plcbridge
