#include "plcbridge/tasks/job_runner.hpp"

#include <fmt/format.h>

namespace plcbridge::tasks {

namespace asio = boost::asio;
using batch::JobNext;
using store::JobState;

namespace {

JobState job_state_of(JobNext next) {
    switch (next) {
        case JobNext::call_odoo: return JobState::pending;
        case JobNext::archive: return JobState::odoo_done;
        case JobNext::done: return JobState::done;
        case JobNext::refused: return JobState::refused;
        case JobNext::needs_attention: return JobState::needs_attention;
        case JobNext::go_on: break;  // a kind's step never ends there; stop rather than loop
    }
    return JobState::needs_attention;
}

}  // namespace

asio::awaitable<batch::JobStep> JobKindSteps::archive(store::Job job, store::Batch, store::TimePoint) {
    co_return batch::step_to(
        JobNext::needs_attention, LogLevel::error,
        fmt::format("job {} (MO {}) reached an archive step its kind does not have", job.id, job.mo_id),
        "no archive step for this kind of job");
}

// Every awaited callable is a named local: GCC 12 mis-destroys lambda temporaries inside co_await
// expressions (docs/DESIGN.md "GCC 12 and coroutines").
asio::awaitable<int> JobRunner::run(Clock clock) {
    // One job at a time: while a job is processed no other is leased to us, so the re-claim after
    // Odoo's answer (and a restarted process re-taking its own leases) finds exactly that job.
    int handled = 0;
    while (handled < settings_.jobs_per_run) {
        const store::TimePoint now = clock();
        auto job = co_await claim(now);
        if (!job) break;
        ++handled;
        const bool go_on = co_await process(std::move(*job), now);
        if (!go_on) break;
    }
    co_return handled;
}

asio::awaitable<std::optional<store::Job>> JobRunner::claim(store::TimePoint now) {
    const std::string worker = settings_.worker;
    const auto lease = settings_.lease;
    const store::JobKind kind = steps_.kind();
    auto claim_one = [=](store::Repository& r) { return r.claim_due_jobs(worker, now, lease, 1, kind); };
    auto jobs = co_await db_.run(std::move(claim_one));
    if (!jobs) {
        store_outage_.failing(fmt::format("{}: cannot read the job table: {}", steps_.label(), jobs.error().message()));
        co_return std::nullopt;
    }
    store_outage_.recovered(fmt::format("{}: the job table answers again", steps_.label()));
    if (jobs->empty()) co_return std::nullopt;
    co_return std::move(jobs->front());
}

asio::awaitable<bool> JobRunner::process(store::Job job, store::TimePoint now) {
    std::optional<store::Batch> subject;
    if (steps_.about_a_batch()) {
        const std::int64_t batch_id = job.batch_id.value_or(0);
        auto find = [batch_id](store::Repository& r) { return r.find_batch(batch_id); };
        auto found = co_await db_.run(std::move(find));
        if (!found) {
            log_.log(LogLevel::error,
                     fmt::format("{}: job {} (MO {}): {}", steps_.label(), job.id, job.mo_id, found.error().message()));
            co_return false;  // the lease expires, or this worker takes it back next run
        }
        if (!found->has_value()) {
            // Archived meanwhile (manual cancel, or an earlier run that died after archiving).
            const batch::JobStep gone{JobNext::done, {}, "batch already archived", {}};
            co_await record(job, gone, now);
            co_return true;
        }
        subject = std::move(**found);
    }
    if (job.state == JobState::odoo_done && subject) {
        co_await archive(std::move(job), std::move(*subject), now);
        co_return true;
    }

    const batch::JobStep step = co_await steps_.call_odoo(job, subject, now);
    say(log_, step);
    const bool recorded = co_await record(job, step, now);
    if (!recorded || step.next != JobNext::archive || !subject) co_return true;
    // Odoo has it: take the job back for its last step (archive now; if that fails, a later run archives).
    const std::int64_t id = job.id;
    const std::string worker = settings_.worker;
    const auto lease = settings_.lease;
    auto reclaim = [=](store::Repository& r) { return r.claim_job(id, worker, now, lease); };
    auto again = co_await db_.run(std::move(reclaim));
    if (again && again->has_value()) co_await archive(std::move(**again), std::move(*subject), now);
    co_return true;
}

asio::awaitable<void> JobRunner::archive(store::Job job, store::Batch batch, store::TimePoint now) {
    const batch::JobStep step = co_await steps_.archive(job, std::move(batch), now);
    say(log_, step);
    if (step.next == JobNext::done) co_return;  // the archive closed the job in the same transaction
    co_await record(job, step, now);
}

asio::awaitable<bool> JobRunner::record(const store::Job& job, const batch::JobStep& step, store::TimePoint now) {
    const std::int64_t id = job.id;
    const std::string worker = settings_.worker;
    const store::JobOutcome outcome{job_state_of(step.next), step.error, now + step.next_attempt_in};
    auto store_it = [=](store::Repository& r) { return r.record_attempt(id, worker, outcome, now); };
    auto recorded = co_await db_.run(std::move(store_it));
    if (recorded) co_return true;
    // The step is not lost: the lease expires, the job is due again, and every kind's first step
    // is safe to repeat (cancel is idempotent, a report asks Odoo first).
    log_.log(LogLevel::error, fmt::format("{}: job {} (MO {}): cannot record the outcome: {}; the job is taken again "
                                          "when its lease ends",
                                          steps_.label(), job.id, job.mo_id, recorded.error().message()));
    co_return false;
}

void say(Logger& log, const batch::JobStep& step) {
    for (const auto& line : step.log)
        log.log(line.level, line.message);
}

}  // namespace plcbridge::tasks
