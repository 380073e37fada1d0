#include "plcbridge/tasks/completion_worker.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "plcbridge/odoo/errc.hpp"
#include "plcbridge/odoo/outcome.hpp"

namespace plcbridge::tasks {

namespace asio = boost::asio;
using plcbridge::Decimal;
using store::JobState;

namespace {

using odoo::odoo_text;

bool has_any_consumption(const store::Batch& b) {
    if (b.weight_finished_good.raw != 0) return true;
    for (const auto& l : b.lines)
        if (l.actual.raw != 0) return true;
    return false;
}

}  // namespace

// Awaited callables and arguments are named locals (GCC 12 coroutine temporaries, see DESIGN.md).
asio::awaitable<int> CompletionWorker::enqueue_finished(store::TimePoint now) {
    auto op = [now](store::Repository& r) -> Result<int> {
        auto active = r.active_batches();
        if (!active) return std::move(active).error();
        int created = 0;
        for (const store::Batch& b : *active) {
            if (!b.status_manufacturing) continue;
            auto jobs = r.jobs_for_batch(b.id);
            if (!jobs) return std::move(jobs).error();
            const bool has_report = std::any_of(
                jobs->begin(), jobs->end(), [](const store::Job& j) { return j.kind == store::JobKind::consumption; });
            if (has_report) continue;
            auto job = r.create_job(store::JobKind::consumption, b.id, b.mo_id, "", now);
            if (!job) return std::move(job).error();
            ++created;
        }
        return created;
    };
    auto created = co_await db_.run(std::move(op));
    if (!created) {
        store_outage_.failing("Task 3: cannot look for finished batches: " + created.error().message());
        co_return 0;
    }
    store_outage_.recovered("Task 3: the database answers again");
    co_return *created;
}

asio::awaitable<int> CompletionWorker::run_once(store::TimePoint now) {
    const auto settings = settings_;
    auto claim = [&](store::Repository& r) {
        return r.claim_due_jobs(settings.worker, now, settings.lease, 1, store::JobKind::consumption);
    };
    auto jobs = co_await db_.run(std::move(claim));
    if (!jobs) {
        store_outage_.failing("Task 3: cannot read the job table: " + jobs.error().message());
        co_return 0;
    }
    store_outage_.recovered("Task 3: the database answers again");
    if (jobs->empty()) co_return 0;
    store::Job job = std::move(jobs->front());
    const std::int64_t batch_id = job.batch_id.value_or(0);
    auto find = [batch_id](store::Repository& r) { return r.find_batch(batch_id); };
    auto batch = co_await db_.run(std::move(find));
    if (!batch) {
        log_.log(LogLevel::error,
                 fmt::format("Task 3: job {} (MO {}): {}", job.id, job.mo_id, batch.error().message()));
        co_return 1;  // the lease expires, or this worker takes it back next run
    }
    if (!batch->has_value()) {
        const store::JobOutcome gone{JobState::done, "batch already archived", {}};
        co_await record(job.id, gone, now);
        co_return 1;
    }
    if (job.state == JobState::odoo_done) {
        co_await archive(job.id, **batch, now);
        co_return 1;
    }
    co_await report(std::move(job), std::move(**batch), now);
    co_return 1;
}

asio::awaitable<void> CompletionWorker::report(store::Job job, store::Batch b, store::TimePoint now) {
    const std::string who = fmt::format("batch #{} (MO: {})", b.batch_no, b.mo_id);
    auto attention = [&](const std::string& why) -> store::JobOutcome {
        log_.log(LogLevel::error,
                 fmt::format("✗ Odoo did not take the report of {}: {}; the batch stays until an operator checks it",
                             who, why));
        return {JobState::needs_attention, why, {}};
    };
    auto retry = [&](const Error& e) -> store::JobOutcome {
        odoo_link_.failed(now, e.message());
        const auto wait = batch::backoff_after(job.attempts + 1, settings_.backoff);
        log_.log(LogLevel::error, fmt::format("✗ Exception while reporting {} to Odoo: {}; retried in {} s", who,
                                              e.message(), wait.count() / 1000));
        return {JobState::pending, e.message(), now + wait};
    };

    if (!has_any_consumption(b)) {
        const store::JobOutcome flagged = attention(
            "the PLC reported no consumption at all for this batch: check it on the line, then report it in Odoo and "
            "archive it (plcbridge cancel) by hand");
        co_await record(job.id, flagged, now);
        co_return;
    }

    // Where the MO stands: a previous attempt cut short (kill -9 after Odoo answered, before we
    // stored it) may already have reported and closed it, and Odoo refuses a second report on a
    // done MO. Asking first makes the whole report idempotent.
    const std::string detail_of = b.mo_id;
    auto before = co_await mo_state(detail_of);
    if (!before) {
        const store::JobOutcome o =
            gives_up(before.error(), job.attempts) ? attention(odoo_text(before.error())) : retry(before.error());
        co_await record(job.id, o, now);
        co_return;
    }
    odoo_link_.answered(now);
    if (*before == "cancel") {
        const store::JobOutcome o = attention("the MO is cancelled in Odoo although the PLC finished the batch");
        co_await record(job.id, o, now);
        co_return;
    }
    const bool already_done = *before == "done";
    if (already_done) {
        log_.log(LogLevel::warning,
                 fmt::format("MO {} is already done in Odoo (an earlier attempt, or closed by hand): "
                             "archiving {} without reporting again",
                             b.mo_id, who));
    }

    std::vector<std::pair<std::string, Decimal>> consumption;
    for (const auto& l : b.lines)
        consumption.emplace_back(l.equipment_code, l.actual);
    const std::optional<Decimal> weight =
        b.weight_finished_good.raw > 0 ? std::optional<Decimal>(b.weight_finished_good) : std::nullopt;
    const std::string mo_id = b.mo_id;
    if (already_done) {
        co_await odoo_finished(job.id, b, now);
        co_return;
    }
    log_.log(LogLevel::info, fmt::format("Reporting {} to Odoo: {} consumption line(s), finished weight {} kg", who,
                                         consumption.size(), b.weight_finished_good.to_string()));
    auto updated = co_await odoo_.update_consumptions(mo_id, weight, consumption);
    if (!updated) {
        const store::JobOutcome o =
            gives_up(updated.error(), job.attempts) ? attention(odoo_text(updated.error())) : retry(updated.error());
        if (odoo::odoo_answered(updated.error())) odoo_link_.answered(now);
        co_await record(job.id, o, now);
        co_return;
    }
    odoo_link_.answered(now);
    if (updated->partial()) {
        const store::JobOutcome o =
            attention(fmt::format("Odoo reported errors: {}", fmt::join(updated->errors, "; ")));
        co_await record(job.id, o, now);
        co_return;
    }
    log_.log(LogLevel::info, fmt::format("✓ Consumption of {} recorded in Odoo", who));

    if (settings_.mark_done) {
        const Decimal finished_qty = weight.value_or(b.quantity);
        auto done = co_await odoo_.mark_done(mo_id, finished_qty);
        if (!done) {
            const store::JobOutcome o =
                gives_up(done.error(), job.attempts) ? attention(odoo_text(done.error())) : retry(done.error());
            co_await record(job.id, o, now);
            co_return;
        }
        if (!done->done()) {
            const store::JobOutcome o =
                attention(fmt::format("Odoo answered success to mark-done but the MO is still '{}' (a wizard may be "
                                      "waiting in Odoo)",
                                      done->mo_state));
            co_await record(job.id, o, now);
            co_return;
        }
        log_.log(LogLevel::info, fmt::format("✓ MO {} marked done in Odoo", mo_id));
    }

    co_await odoo_finished(job.id, b, now);
}

bool CompletionWorker::gives_up(const Error& e, int attempts_before) const {
    return odoo::verdict_of(e, attempts_before, settings_.odoo_retry) != odoo::Verdict::retry;
}

asio::awaitable<Result<std::string>> CompletionWorker::mo_state(std::string mo_id) {
    auto detail = co_await odoo_.mo_detail(mo_id);
    if (!detail) co_return std::move(detail).error();
    co_return detail->state;
}

asio::awaitable<void> CompletionWorker::odoo_finished(std::int64_t job_id, const store::Batch& b,
                                                      store::TimePoint now) {
    const store::JobOutcome reported{JobState::odoo_done, "", now};
    co_await record(job_id, reported, now);
    // Take the job back for its last step (archive now; if that fails, a later run archives it).
    const auto settings = settings_;
    auto reclaim = [&](store::Repository& r) { return r.claim_job(job_id, settings.worker, now, settings.lease); };
    auto again = co_await db_.run(std::move(reclaim));
    if (again && again->has_value()) co_await archive(job_id, b, now);
}

asio::awaitable<void> CompletionWorker::archive(std::int64_t job_id, const store::Batch& b, store::TimePoint now) {
    const std::int64_t batch_id = b.id;
    std::string note = settings_.mark_done ? "Completed: consumption reported to Odoo, MO marked done"
                                           : "Completed: consumption reported to Odoo";
    // Finished and failed in one read: not cancelled (the PLC finished it), but the failure stays on
    // record with status_operation = 1, so the operators' queries for failures find it.
    if (b.status_operation) {
        note =
            "Completed with a failure: the PLC reported the batch finished and failed (status_operation=1 kept for "
            "the operator); " +
            note.substr(std::string_view("Completed: ").size());
    }
    auto op = [=](store::Repository& r) {
        return r.archive_batch(batch_id, store::ArchiveStatus::completed, note, now);
    };
    auto archived = co_await db_.run(std::move(op));
    if (archived) {
        // The archive closed the job in the same transaction.
        log_.log(LogLevel::info,
                 fmt::format("✓✓ Batch #{} (MO: {}) completed and archived to history", b.batch_no, b.mo_id));
        co_return;
    }
    log_.log(LogLevel::error, fmt::format("✗ Failed to archive completed batch #{} (MO: {}): {}; retried without "
                                          "calling Odoo again",
                                          b.batch_no, b.mo_id, archived.error().message()));
    const store::JobOutcome later{JobState::odoo_done, archived.error().message(),
                                  now + batch::backoff_after(1, settings_.backoff)};
    co_await record(job_id, later, now);
}

asio::awaitable<void> CompletionWorker::record(std::int64_t job_id, store::JobOutcome outcome, store::TimePoint now) {
    const std::string worker = settings_.worker;
    auto op = [=](store::Repository& r) { return r.record_attempt(job_id, worker, outcome, now); };
    auto recorded = co_await db_.run(std::move(op));
    if (!recorded) {
        log_.log(LogLevel::error,
                 fmt::format("Task 3: job {}: cannot record the outcome: {}", job_id, recorded.error().message()));
    }
}

}  // namespace plcbridge::tasks
