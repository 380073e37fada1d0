#include "plcbridge/service/service.hpp"

#include <fmt/format.h>

#include "plcbridge/auth/password_hash.hpp"
#include "plcbridge/batch/log_messages.hpp"
#include "plcbridge/core/leadership.hpp"
#include "plcbridge/service/batch_views.hpp"
#include "plcbridge/service/metrics_text.hpp"
#include "plcbridge/service/task_names.hpp"
#include "plcbridge/service/task_registry.hpp"
#include "plcbridge/store/lease_keeper.hpp"
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
        TaskBody run = [body] { return body->run(); };
        if (d.drives_line) run = [this, body] { return run_while_leading(*body); };
        parts_.scheduler.add(std::string(d.name), period_of(parts_.settings, d.name),
                             !parts_.settings.disabled.contains(d.name), std::move(run));
    }
}

asio::awaitable<Result<void>> Service::run_while_leading(ServiceTask& task) {
    // A standby's run does nothing: the leader drives the line. A leader whose lease runs out in
    // the middle of a run is stopped by the PLC client's gate and the repository's fence.
    if (!parts_.leadership.leading()) co_return Result<void>{};
    co_return co_await task.run();
}

HealthReport Service::health() const {
    HealthReport h;
    h.at = wall_now();
    for (const auto& task : tasks_)
        task->report(h);
    h.scheduler_enabled = parts_.scheduler.enabled();
    if (parts_.lease_keeper != nullptr) h.leadership = parts_.lease_keeper->view();
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

namespace {
constexpr int kRecentHistories = 40;  ///< enough to find each slot's last archived batch
constexpr int kRecentFailures = 20;
constexpr int kAcknowledgements = 500;
}  // namespace

asio::awaitable<Result<ConsoleInputs>> Service::console_inputs() {
    auto views = co_await load_batch_views(parts_.db, parts_.settings.stuck_after);
    if (!views) co_return std::move(views).error();
    auto load = [](store::Repository& r) -> Result<ConsoleInputs> {
        ConsoleInputs in;
        store::HistoryFilter recent;
        recent.limit = kRecentHistories;
        auto histories = r.histories(recent);
        if (!histories) return std::move(histories).error();
        in.recent_histories = std::move(*histories);
        auto failures = r.recent_equipment_failures(kRecentFailures);
        if (!failures) return std::move(failures).error();
        in.equipment_failures = std::move(*failures);
        auto acks = r.audit_entries({std::nullopt, std::string("acknowledge"), kAcknowledgements, 0});
        if (!acks) return std::move(acks).error();
        for (const auto& a : *acks) {
            if (a.outcome == "ok") in.acknowledged.insert(a.target);
        }
        return in;
    };
    auto loaded = co_await parts_.db.run(std::move(load));
    if (!loaded) co_return std::move(loaded).error();
    loaded->batches = std::move(*views);
    co_return loaded;
}

asio::awaitable<Result<std::optional<store::OperatorAccount>>> Service::sign_in(std::string username,
                                                                                std::string password) {
    auto check = [username = std::move(username), password = std::move(password)](
                     store::Repository& r) -> Result<std::optional<store::OperatorAccount>> {
        auto account = r.find_operator(username);
        if (!account) return std::move(account).error();
        if (!*account || (*account)->disabled) return std::optional<store::OperatorAccount>{};
        if (!auth::password_matches((*account)->password_hash, password))
            return std::optional<store::OperatorAccount>{};
        return account;
    };
    auto checked = co_await parts_.db.run(std::move(check));
    co_return checked;
}

asio::awaitable<Result<std::optional<store::OperatorAccount>>> Service::find_operator(std::string username) {
    auto load = [username = std::move(username)](store::Repository& r) { return r.find_operator(username); };
    auto loaded = co_await parts_.db.run(std::move(load));
    co_return loaded;
}

asio::awaitable<Result<void>> Service::audit(store::AuditEntry entry) {
    auto append = [entry = std::move(entry)](store::Repository& r) -> Result<void> {
        auto id = r.append_audit(entry);
        if (!id) return std::move(id).error();
        return {};
    };
    auto appended = co_await parts_.db.run(std::move(append));
    co_return appended;
}

asio::awaitable<Result<std::vector<store::AuditEntry>>> Service::audit_entries(store::AuditFilter filter) {
    auto load = [filter](store::Repository& r) { return r.audit_entries(filter); };
    auto loaded = co_await parts_.db.run(std::move(load));
    co_return loaded;
}

asio::awaitable<Result<std::vector<store::StoredEquipmentFailure>>> Service::equipment_failures(int limit) {
    auto load = [limit](store::Repository& r) { return r.recent_equipment_failures(limit); };
    auto loaded = co_await parts_.db.run(std::move(load));
    co_return loaded;
}

asio::awaitable<Result<store::Job>> Service::retry_job(std::int64_t job_id) {
    const auto now = wall_now();
    auto retry = [job_id, now](store::Repository& r) { return r.retry_job(job_id, now); };
    auto retried = co_await parts_.db.run(std::move(retry));
    if (!retried) co_return std::move(retried).error();
    parts_.log.log(LogLevel::info, fmt::format("job {} ({} of MO {}) set to retry now by an operator", retried->id,
                                               store::job_kind_name(retried->kind), retried->mo_id));
    switch (retried->kind) {
        case store::JobKind::cancel: parts_.scheduler.poke(kCancelWorkerTask); break;
        case store::JobKind::consumption:
        case store::JobKind::mark_done: parts_.scheduler.poke(kProcessCompletedTask); break;
        case store::JobKind::equipment_failure: parts_.scheduler.poke(kEquipmentFailuresTask); break;
    }
    co_return retried;
}

}  // namespace plcbridge::service
