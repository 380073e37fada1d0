#pragma once
/// The durable auto-cancel (docs/DESIGN.md "Batch domain and the auto-cancel"): what a
/// cancel job does after each step. Pure: the cancel worker performs the step, asks here what
/// follows, and stores the answer in the job table in the same breath.

#include <chrono>
#include <string>
#include <vector>

#include "plcbridge/batch/backoff.hpp"
#include "plcbridge/core/logger.hpp"

namespace plcbridge::batch {

/// How Odoo answered POST /api/scada/mo/cancel.
enum class CancelReply {
    cancelled,          ///< success, mo_state cancel
    already_cancelled,  ///< success, "Manufacturing order already cancelled"
    refused,            ///< a definitive no (MO done, wrong state): scenario 1
    not_found,          ///< the MO does not exist in Odoo: scenario 1
    transient,          ///< timeout, network, 5xx, garbage, session trouble: scenario 3
    needs_attention,    ///< Odoo kept failing in a way only a person can sort out (e.g. an AccessError)
};

/// Where the job goes next (persisted as the job's state).
enum class CancelJobState {
    call_odoo,  ///< pending: call Odoo (again) at `next_attempt_in`
    archive,    ///< Odoo cancelled it: archive (again) — never call Odoo again (scenario 2)
    done,
    refused,          ///< final: the batch stays with status_operation = 1 for the operator
    needs_attention,  ///< final for now, like refused, but Odoo's error was not an answer about the MO
};

struct LogLine {
    LogLevel level;
    std::string message;
};

struct CancelStep {
    CancelJobState state = CancelJobState::call_odoo;
    std::chrono::milliseconds next_attempt_in{0};
    std::string error;  ///< stored as the job's last_error
    std::vector<LogLine> log;
};

struct CancelContext {
    int batch_no = 0;
    std::string mo_id;
    int failures_so_far = 0;  ///< consecutive failed attempts before this one
};

/// After the Odoo call. `message` is Odoo's text (or the transport error) for refusals and failures.
[[nodiscard]] CancelStep after_odoo_cancel(const CancelContext& job, CancelReply reply, const std::string& message,
                                           const BackoffPolicy& policy);

/// After trying to archive a batch Odoo has cancelled; `error` empty on success.
[[nodiscard]] CancelStep after_archive(const CancelContext& job, const std::string& error, const BackoffPolicy& policy);

}  // namespace plcbridge::batch
