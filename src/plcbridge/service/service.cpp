#include "plcbridge/service/service.hpp"

#include "plcbridge/batch/log_messages.hpp"
#include "plcbridge/service/batch_views.hpp"
#include "plcbridge/service/metrics_text.hpp"
#include "plcbridge/service/task_names.hpp"
#include "plcbridge/service/task_registry.hpp"
#include "plcbridge/tasks/manual_cancel.hpp"

namespace plcbridge::service {

namespace asio = boost::asio;

Service::Service(TaskContext& parts, int slots) : parts_(parts), slots_(slots) {
    for (const TaskEntry& entry : registered_tasks())
        tasks_.push_back(entry.make(parts_));
}

void Service::schedule() {
    for (const auto& task : tasks_) {
        const TaskDeclaration& d = task->declaration();
        ServiceTask* body = task.get();
        parts_.scheduler.add(std::string(d.name), period_of(parts_.settings, d.name),
                             !parts_.settings.disabled.contains(d.name), [body] { return body->run(); });
    }
}

HealthReport Service::health() const {
    HealthReport h;
    h.at = wall_now();
    for (const auto& task : tasks_)
        task->report(h);
    h.scheduler_enabled = parts_.scheduler.enabled();
    return h;
}

std::chrono::milliseconds Service::stale_after() const noexcept {
    return period_of(parts_.settings, kStoreCheckTask) * 3;
}

std::string Service::metrics() const {
    return metrics_text(parts_.metrics, health(), wall_now());
}

asio::awaitable<Result<std::vector<BatchView>>> Service::batches() {
    auto loaded = co_await load_batch_views(parts_.db, parts_.settings.stuck_after);
    co_return loaded;
}

asio::awaitable<Result<std::vector<store::History>>> Service::histories(store::HistoryFilter filter) {
    auto load = [filter](store::Repository& r) { return r.histories(filter); };
    auto loaded = co_await parts_.db.run(std::move(load));
    co_return loaded;
}

asio::awaitable<Result<ManualCancelResult>> Service::manual_cancel(int batch_no, std::string notes,
                                                                   bool cancel_in_odoo) {
    const auto now = wall_now();
    Logger& log = parts_.log;
    const std::string effective_notes = notes.empty() ? std::string(batch::kManualCancelNote) : notes;
    if (cancel_in_odoo) {
        auto queue = [&log, batch_no, notes, now](store::Repository& r) {
            return tasks::request_odoo_cancel(r, log, batch_no, notes, now);
        };
        auto queued = co_await parts_.db.run(std::move(queue));
        if (!queued) co_return std::move(queued).error();
        parts_.scheduler.poke(kCancelWorkerTask);
        co_return ManualCancelResult{batch_no, queued->mo_id, effective_notes, queued->job_id};
    }
    auto archive = [&log, batch_no, notes, now](store::Repository& r) {
        return tasks::manual_cancel(r, log, batch_no, notes, now);
    };
    auto done = co_await parts_.db.run(std::move(archive));
    if (!done) co_return std::move(done).error();
    co_return ManualCancelResult{batch_no, done->mo_id, effective_notes, std::nullopt};
}

asio::awaitable<std::optional<tasks::SyncOutcome>> Service::trigger_plc_sync() {
    const std::string name(kPlcReadTask);
    auto ran = co_await parts_.scheduler.run_now(name);
    if (!ran) co_return std::nullopt;
    co_return parts_.sync.last_outcome();
}

}  // namespace plcbridge::service
