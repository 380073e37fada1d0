#include "plcbridge/tasks/cancel_worker.hpp"

#include <fmt/format.h>

#include "plcbridge/batch/cancel_saga.hpp"
#include "plcbridge/batch/log_messages.hpp"
#include "plcbridge/odoo/errc.hpp"
#include "plcbridge/odoo/outcome.hpp"

namespace plcbridge::tasks {

namespace asio = boost::asio;
using batch::CancelJobState;
using store::JobState;

namespace {

batch::CancelReply reply_of(const Result<odoo::CancelResult>& r, int attempts_before, const odoo::RetryPolicy& policy) {
    if (r) return r->already_cancelled ? batch::CancelReply::already_cancelled : batch::CancelReply::cancelled;
    switch (odoo::verdict_of(r.error(), attempts_before, policy)) {
        case odoo::Verdict::final:
            return r.error().code == odoo::Errc::not_found ? batch::CancelReply::not_found
                                                           : batch::CancelReply::refused;
        case odoo::Verdict::needs_attention: return batch::CancelReply::needs_attention;
        case odoo::Verdict::retry: break;
    }
    return batch::CancelReply::transient;  // network, timeouts, 5xx, garbage, login trouble: retried
}

std::string odoo_message(const Result<odoo::CancelResult>& r) {
    return r ? std::string() : odoo::odoo_text(r.error());
}

JobState job_state_of(CancelJobState s) {
    switch (s) {
        case CancelJobState::call_odoo: return JobState::pending;
        case CancelJobState::archive: return JobState::odoo_done;
        case CancelJobState::done: return JobState::done;
        case CancelJobState::refused: return JobState::refused;
        case CancelJobState::needs_attention: return JobState::needs_attention;
    }
    return JobState::needs_attention;
}

}  // namespace

// Every awaited callable is a named local: GCC 12 mis-destroys lambda temporaries inside co_await
// expressions (ASan: bad free of a captured JobOutcome).
asio::awaitable<int> CancelWorker::run_once(store::TimePoint now) {
    // One job at a time: while a job is processed no other is leased to us, so the re-claim after
    // Odoo's answer (and a restarted process re-taking its own leases) finds exactly that job.
    const auto settings = settings_;
    int handled = 0;
    while (handled < settings.jobs_per_run) {
        auto op1 = [&](store::Repository& r) {
            return r.claim_due_jobs(settings.worker, now, settings.lease, 1, store::JobKind::cancel);
        };
        auto jobs = co_await db_.run(std::move(op1));
        if (!jobs) {
            store_outage_.failing("cancel worker: cannot read the job table: " + jobs.error().message());
            break;
        }
        store_outage_.recovered("cancel worker: the job table answers again");
        if (jobs->empty()) break;
        ++handled;
        co_await process(std::move(jobs->front()), now);
    }
    co_return handled;
}

asio::awaitable<void> CancelWorker::process(store::Job job, store::TimePoint now) {
    const std::int64_t batch_id = job.batch_id.value_or(0);
    auto op2 = [batch_id](store::Repository& r) { return r.find_batch(batch_id); };
    auto batch = co_await db_.run(std::move(op2));
    if (!batch) {
        log_.log(LogLevel::error,
                 fmt::format("cancel worker: job {} (MO {}): {}", job.id, job.mo_id, batch.error().message()));
        co_return;  // the lease expires and the job is taken again
    }
    if (!batch->has_value()) {
        // Archived meanwhile (manual cancel, or an earlier run that died after archiving): nothing left to do.
        const auto id = job.id;
        const auto worker = settings_.worker;
        auto op3 = [=](store::Repository& r) {
            return r.record_attempt(id, worker, {JobState::done, "batch already archived", {}}, now);
        };
        (void)co_await db_.run(std::move(op3));
        co_return;
    }
    const int batch_no = (*batch)->batch_no;

    if (job.state == JobState::odoo_done) {
        co_await archive(job, batch_no, now);
        co_return;
    }

    log_.log(LogLevel::info, batch::attempting_cancel(job.mo_id));
    auto cancelled = co_await odoo_.cancel(job.mo_id);
    const batch::CancelReply reply = reply_of(cancelled, job.attempts, settings_.odoo_retry);
    if (!cancelled && !odoo::odoo_answered(cancelled.error()))
        odoo_link_.failed(now, odoo_message(cancelled));
    else
        odoo_link_.answered(now);
    const batch::CancelStep step = batch::after_odoo_cancel({batch_no, job.mo_id, job.attempts}, reply,
                                                            odoo_message(cancelled), settings_.backoff);
    for (const auto& line : step.log)
        log_.log(line.level, line.message);
    const store::JobOutcome outcome{job_state_of(step.state), step.error, now + step.next_attempt_in};
    const auto id = job.id;
    const auto worker = settings_.worker;
    auto op4 = [=](store::Repository& r) { return r.record_attempt(id, worker, outcome, now); };
    auto recorded = co_await db_.run(std::move(op4));
    if (!recorded) {
        // Odoo's answer is not lost: the lease expires, the job is pending again, and cancel is idempotent.
        log_.log(LogLevel::error, fmt::format("cancel worker: job {} (MO {}): cannot record the outcome: {}", job.id,
                                              job.mo_id, recorded.error().message()));
        co_return;
    }
    if (step.state == CancelJobState::archive) {
        const auto lease = settings_.lease;
        auto op5 = [=](store::Repository& r) { return r.claim_job(id, worker, now, lease); };
        auto reclaimed = co_await db_.run(std::move(op5));
        // Archive right away when the job is ours again; otherwise a later run does it.
        if (reclaimed && reclaimed->has_value()) co_await archive(**reclaimed, batch_no, now);
    }
}

asio::awaitable<void> CancelWorker::archive(const store::Job& job, int batch_no, store::TimePoint now) {
    const std::int64_t batch_id = job.batch_id.value_or(0);
    // A cancel job's payload is the note to archive with: empty for the auto-cancel, the operator's
    // note for a manual cancel that also cancels in Odoo.
    const std::string note = job.payload.empty() ? std::string(batch::kAutoCancelNote) : job.payload;
    auto op6 = [=](store::Repository& r) {
        return r.archive_batch(batch_id, store::ArchiveStatus::cancelled, note, now);
    };
    auto archived = co_await db_.run(std::move(op6));
    const batch::CancelStep step = batch::after_archive(
        {batch_no, job.mo_id, job.attempts}, archived ? std::string{} : archived.error().message(), settings_.backoff);
    for (const auto& line : step.log)
        log_.log(line.level, line.message);
    if (step.state == CancelJobState::done) co_return;  // archiving closed the job in the same transaction
    const store::JobOutcome outcome{job_state_of(step.state), step.error, now + step.next_attempt_in};
    const auto id = job.id;
    const auto worker = settings_.worker;
    auto op7 = [=](store::Repository& r) { return r.record_attempt(id, worker, outcome, now); };
    (void)co_await db_.run(std::move(op7));
}

}  // namespace plcbridge::tasks
