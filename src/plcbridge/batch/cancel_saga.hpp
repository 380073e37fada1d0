#pragma once
/// The durable auto-cancel (docs/DESIGN.md "Batch domain and the auto-cancel"): what a cancel job
/// does after each step. Pure: the job runner performs the step (tasks/cancel_worker), asks here
/// what follows, and stores the answer in the job table in the same breath.

#include <string>

#include "plcbridge/batch/backoff.hpp"
#include "plcbridge/batch/job_step.hpp"
#include "plcbridge/core/call_verdict.hpp"
#include "plcbridge/core/result.hpp"

namespace plcbridge::batch {

struct CancelContext {
    int batch_no = 0;
    std::string mo_id;
    int failures_so_far = 0;  ///< consecutive failed attempts before this one
};

/// After POST /api/scada/mo/cancel: ok (cancelled, or already cancelled) archives; final (MO done,
/// wrong state, not found: scenario 1) is refused; needs_attention stops for the operator; retry
/// (timeout, network, 5xx, garbage, session trouble: scenario 3) backs off.
[[nodiscard]] JobStep after_odoo_cancel(const CancelContext& job, const CallReport& odoo, const BackoffPolicy& policy);

/// After trying to archive a batch Odoo has cancelled.
[[nodiscard]] JobStep after_archive(const CancelContext& job, const Result<void>& archived,
                                    const BackoffPolicy& policy);

}  // namespace plcbridge::batch
