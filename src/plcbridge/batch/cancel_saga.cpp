#include "plcbridge/batch/cancel_saga.hpp"

#include "plcbridge/batch/log_messages.hpp"

namespace plcbridge::batch {

CancelStep after_odoo_cancel(const CancelContext& job, CancelReply reply, const std::string& message,
                             const BackoffPolicy& policy) {
    CancelStep step;
    switch (reply) {
        case CancelReply::cancelled:
        case CancelReply::already_cancelled:
            step.state = CancelJobState::archive;
            step.log.push_back({LogLevel::info, odoo_cancel_successful(job.batch_no, job.mo_id)});
            return step;
        case CancelReply::refused:
        case CancelReply::not_found:
            step.state = CancelJobState::refused;
            step.error = message;
            step.log.push_back({LogLevel::error, failed_to_cancel(job.mo_id, message)});
            return step;
        case CancelReply::needs_attention:
            step.state = CancelJobState::needs_attention;
            step.error = message;
            step.log.push_back({LogLevel::error, failed_to_cancel(job.mo_id, message)});
            return step;
        case CancelReply::transient:
            step.state = CancelJobState::call_odoo;
            step.error = message;
            step.next_attempt_in = backoff_after(job.failures_so_far + 1, policy);
            step.log.push_back({LogLevel::error, exception_during_auto_cancel(job.batch_no, job.mo_id, message)});
            return step;
    }
    return step;
}

CancelStep after_archive(const CancelContext& job, const std::string& error, const BackoffPolicy& policy) {
    CancelStep step;
    if (error.empty()) {
        step.state = CancelJobState::done;
        step.log.push_back({LogLevel::info, cancelled_and_archived(job.batch_no, job.mo_id)});
        return step;
    }
    step.state = CancelJobState::archive;  // retry the archive alone; Odoo is already cancelled
    step.error = error;
    step.next_attempt_in = backoff_after(job.failures_so_far + 1, policy);
    step.log.push_back({LogLevel::error, failed_to_archive(job.batch_no, job.mo_id, error)});
    return step;
}

}  // namespace plcbridge::batch
