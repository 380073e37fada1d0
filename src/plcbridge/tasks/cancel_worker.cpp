#include "plcbridge/tasks/cancel_worker.hpp"

#include "plcbridge/batch/cancel_saga.hpp"
#include "plcbridge/batch/log_messages.hpp"
#include "plcbridge/odoo/outcome.hpp"

namespace plcbridge::tasks {

namespace asio = boost::asio;

namespace {

batch::CancelContext context_of(const store::Job& job, const store::Batch& batch) {
    return {batch.batch_no, job.mo_id, job.attempts};
}

}  // namespace

asio::awaitable<batch::JobStep> CancelWorker::call_odoo(store::Job job, std::optional<store::Batch> batch,
                                                        store::TimePoint) {
    log_.log(LogLevel::info, batch::attempting_cancel(job.mo_id));
    auto cancelled = co_await odoo_.cancel(job.mo_id);
    const CallReport answer = odoo::judge(cancelled, job.attempts, runner_.settings().odoo_retry);
    co_return batch::after_odoo_cancel(context_of(job, *batch), answer, runner_.settings().backoff);
}

asio::awaitable<batch::JobStep> CancelWorker::archive(store::Job job, store::Batch batch, store::TimePoint now) {
    const std::int64_t batch_id = batch.id;
    // A cancel job's payload is the note to archive with: empty for the auto-cancel, the operator's
    // note for a manual cancel that also cancels in Odoo.
    const std::string note = job.payload.empty() ? std::string(batch::kAutoCancelNote) : job.payload;
    auto archive_it = [=](store::Repository& r) {
        return r.archive_batch(batch_id, store::ArchiveStatus::cancelled, note, now);
    };
    auto archived = co_await db_.run(std::move(archive_it));
    co_return batch::after_archive(context_of(job, batch), outcome_of(archived), runner_.settings().backoff);
}

}  // namespace plcbridge::tasks
