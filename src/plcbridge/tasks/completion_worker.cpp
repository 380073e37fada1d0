#include "plcbridge/tasks/completion_worker.hpp"

#include <algorithm>

#include "plcbridge/batch/completion_report.hpp"
#include "plcbridge/odoo/outcome.hpp"

namespace plcbridge::tasks {

namespace asio = boost::asio;
using batch::JobNext;
using plcbridge::Decimal;

namespace {

bool has_any_consumption(const store::Batch& b) {
    if (b.weight_finished_good.raw != 0) return true;
    return std::any_of(b.lines.begin(), b.lines.end(), [](const auto& l) { return l.actual.raw != 0; });
}

/// The finished weight Odoo is told: the PLC's, when it weighed one.
std::optional<Decimal> finished_weight(const store::Batch& b) {
    return b.weight_finished_good.raw > 0 ? std::optional<Decimal>(b.weight_finished_good) : std::nullopt;
}

Result<int> enqueue_on_db_thread(store::Repository& r, store::TimePoint now) {
    auto active = r.active_batches();
    if (!active) return std::move(active).error();
    int created = 0;
    for (const store::Batch& b : *active) {
        if (!b.status_manufacturing) continue;
        auto jobs = r.jobs_for_batch(b.id);
        if (!jobs) return std::move(jobs).error();
        const bool has_report = std::any_of(jobs->begin(), jobs->end(),
                                            [](const store::Job& j) { return j.kind == store::JobKind::consumption; });
        if (has_report) continue;
        auto job = r.create_job(store::JobKind::consumption, b.id, b.mo_id, "", now);
        if (!job) return std::move(job).error();
        ++created;
    }
    return created;
}

}  // namespace

// Awaited callables and arguments are named locals (GCC 12 coroutine temporaries, see DESIGN.md).
asio::awaitable<int> CompletionWorker::enqueue_finished(store::TimePoint now) {
    auto enqueue = [now](store::Repository& r) { return enqueue_on_db_thread(r, now); };
    auto created = co_await db_.run(std::move(enqueue));
    if (!created) {
        store_outage_.failing("Task 3: cannot look for finished batches: " + created.error().message());
        co_return 0;
    }
    store_outage_.recovered("Task 3: the job table answers again");
    co_return *created;
}

asio::awaitable<batch::JobStep> CompletionWorker::call_odoo(store::Job job, std::optional<store::Batch> batch,
                                                            store::TimePoint) {
    const store::Batch& b = *batch;
    const batch::CompletionContext context{b.batch_no, b.mo_id, job.attempts, mark_done_};
    const auto& policy = runner_.settings();
    if (!has_any_consumption(b)) co_return batch::without_consumption(context);

    // Where the MO stands: a previous attempt cut short (kill -9 after Odoo answered, before we
    // stored it) may already have reported and closed it, and Odoo refuses a second report on a
    // done MO. Asking first makes the whole report idempotent.
    auto state = co_await mo_state(b.mo_id);
    const std::string state_text = state ? *state : std::string();
    batch::JobStep step = batch::after_state_query(context, odoo::judge(state, job.attempts, policy.odoo_retry),
                                                   state_text, policy.backoff);
    if (step.next != JobNext::go_on) co_return step;

    step = co_await send_consumption(context, b, job.attempts);
    if (step.next != JobNext::go_on) co_return step;
    say(log_, step);  // the consumption is in Odoo, whatever mark-done answers
    co_return co_await mark_done(context, b, job.attempts);
}

asio::awaitable<batch::JobStep> CompletionWorker::send_consumption(const batch::CompletionContext& context,
                                                                   const store::Batch& b, int attempts) {
    std::vector<std::pair<std::string, Decimal>> consumption;
    for (const auto& l : b.lines)
        consumption.emplace_back(l.equipment_code, l.actual);
    const std::optional<Decimal> weight = finished_weight(b);
    const std::string mo_id = b.mo_id;
    log_.log(LogLevel::info,
             batch::reporting_consumption(context, consumption.size(), b.weight_finished_good.to_string()));
    auto updated = co_await odoo_.update_consumptions(mo_id, weight, consumption);
    const std::vector<std::string> item_errors = updated ? updated->errors : std::vector<std::string>{};
    const auto& policy = runner_.settings();
    co_return batch::after_consumption_report(context, odoo::judge(updated, attempts, policy.odoo_retry), item_errors,
                                              policy.backoff);
}

asio::awaitable<batch::JobStep> CompletionWorker::mark_done(const batch::CompletionContext& context,
                                                            const store::Batch& b, int attempts) {
    const Decimal finished_qty = finished_weight(b).value_or(b.quantity);
    const std::string mo_id = b.mo_id;
    auto done = co_await odoo_.mark_done(mo_id, finished_qty);
    const std::string state_after = done ? done->mo_state : std::string();
    const auto& policy = runner_.settings();
    co_return batch::after_mark_done(context, odoo::judge(done, attempts, policy.odoo_retry), state_after,
                                     policy.backoff);
}

asio::awaitable<Result<std::string>> CompletionWorker::mo_state(std::string mo_id) {
    auto detail = co_await odoo_.mo_detail(mo_id);
    if (!detail) co_return std::move(detail).error();
    co_return detail->state;
}

asio::awaitable<batch::JobStep> CompletionWorker::archive(store::Job job, store::Batch b, store::TimePoint now) {
    const batch::CompletionContext context{b.batch_no, b.mo_id, job.attempts, mark_done_};
    const std::int64_t batch_id = b.id;
    const std::string note = batch::completion_note(mark_done_, b.status_operation);
    auto archive_it = [=](store::Repository& r) {
        return r.archive_batch(batch_id, store::ArchiveStatus::completed, note, now);
    };
    auto archived = co_await db_.run(std::move(archive_it));
    co_return batch::after_completion_archive(context, outcome_of(archived), runner_.settings().backoff);
}

}  // namespace plcbridge::tasks
