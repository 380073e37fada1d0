#include "plcbridge/batch/failure_rule.hpp"

#include <algorithm>

namespace plcbridge::batch {

FailureDecision decide_failure(const FailureObservation& o, const AutoCancelSettings& settings) noexcept {
    if (o.stored_failed) return {FailureAction::none, o.failure_reads, false};  // already latched: the job exists
    if (!o.read_failed) {
        if (o.failure_reads > 0) return {FailureAction::reset, 0, false};
        return {FailureAction::none, 0, false};
    }
    const int reads = o.failure_reads + 1;
    if (reads < std::max(1, settings.confirm_reads)) return {FailureAction::count, reads, false};
    // A batch the PLC finished is not cancelled: its consumption is real and goes to Odoo.
    if (o.read_finished) return {FailureAction::latch_only, reads, true};
    if (!settings.enabled) return {FailureAction::latch_only, reads, false};
    return {FailureAction::trigger_cancel, reads, false};
}

}  // namespace plcbridge::batch
