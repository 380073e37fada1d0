#include "plcbridge/batch/cancel_saga.hpp"

#include "plcbridge/batch/log_messages.hpp"

namespace plcbridge::batch {

JobStep after_odoo_cancel(const CancelContext& job, const CallReport& odoo, const BackoffPolicy& policy) {
    switch (odoo.verdict) {
        case CallVerdict::ok:
            return step_to(JobNext::archive, LogLevel::info, odoo_cancel_successful(job.batch_no, job.mo_id));
        case CallVerdict::final:
            return step_to(JobNext::refused, LogLevel::error, failed_to_cancel(job.mo_id, odoo.text), odoo.text);
        case CallVerdict::needs_attention:
            return step_to(JobNext::needs_attention, LogLevel::error, failed_to_cancel(job.mo_id, odoo.text),
                           odoo.text);
        case CallVerdict::retry: break;
    }
    return step_to(JobNext::call_odoo, LogLevel::error,
                   exception_during_auto_cancel(job.batch_no, job.mo_id, odoo.text), odoo.text,
                   backoff_after(job.failures_so_far + 1, policy));
}

JobStep after_archive(const CancelContext& job, const Result<void>& archived, const BackoffPolicy& policy) {
    if (archived) return step_to(JobNext::done, LogLevel::info, cancelled_and_archived(job.batch_no, job.mo_id));
    // Retry the archive alone; Odoo is already cancelled.
    const std::string error = archived.error().message();
    return step_to(JobNext::archive, LogLevel::error, failed_to_archive(job.batch_no, job.mo_id, error), error,
                   backoff_after(job.failures_so_far + 1, policy));
}

}  // namespace plcbridge::batch
