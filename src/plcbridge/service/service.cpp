#include "plcbridge/service/service.hpp"

#include <fmt/format.h>

#include "plcbridge/batch/log_messages.hpp"
#include "plcbridge/fins/end_code.hpp"
#include "plcbridge/service/errc.hpp"
#include "plcbridge/tasks/manual_cancel.hpp"

namespace plcbridge::service {

namespace asio = boost::asio;

namespace {
store::TimePoint wall_now() {
    return std::chrono::system_clock::now();
}

/// A worker's run failed when its Odoo calls do: its jobs wait, and the task's status says why.
Result<void> odoo_as_seen_by(const LinkStatus& link) {
    if (link.down()) return make_error(Errc::odoo_down, link.last_error);
    return {};
}

struct StoreCheck {
    store::StoreHealth health;
    JobCounts jobs;
};

Result<StoreCheck> check_on_db_thread(store::Repository& r) {
    StoreCheck out{r.health(), {}};
    const std::pair<store::JobState, int JobCounts::*> counted[] = {
        {store::JobState::pending, &JobCounts::pending},
        {store::JobState::odoo_done, &JobCounts::archiving},
        {store::JobState::refused, &JobCounts::refused},
        {store::JobState::needs_attention, &JobCounts::needs_attention},
    };
    for (const auto& [state, member] : counted) {
        auto jobs = r.jobs_in_state(state);
        if (!jobs) return std::move(jobs).error();
        out.jobs.*member = static_cast<int>(jobs->size());
    }
    out.health = r.health();
    return out;
}
}  // namespace

std::vector<std::string_view> service_task_names() {
    return {kMoSyncTask,      kPlcReadTask,           kCancelWorkerTask, kProcessCompletedTask,
            kBatchHealthTask, kEquipmentFailuresTask, kLogRetentionTask, kStoreCheckTask};
}

Service::Service(ServiceParts parts, ServiceSettings settings)
    : plc_(parts.plc),
      mo_sync_(parts.mo_sync),
      sync_(parts.sync),
      cancel_(parts.cancel),
      completion_(parts.completion),
      failures_(parts.failures),
      db_(parts.db),
      scheduler_(parts.scheduler),
      log_(parts.log),
      odoo_clients_(std::move(parts.odoo_clients)),
      settings_(std::move(settings)),
      store_check_(log_) {}

void Service::schedule() {
    auto enabled = [this](std::string_view name) { return !settings_.disabled_tasks.contains(name); };
    scheduler_.add(std::string(kMoSyncTask), settings_.mo_sync_interval, enabled(kMoSyncTask),
                   [this] { return queue_confirmed_mos(); });
    scheduler_.add(std::string(kPlcReadTask), settings_.plc_read_interval, enabled(kPlcReadTask),
                   [this] { return plc_read_cycle(); });
    scheduler_.add(std::string(kCancelWorkerTask), settings_.cancel_interval, enabled(kCancelWorkerTask),
                   [this] { return run_cancel_jobs(); });
    scheduler_.add(std::string(kProcessCompletedTask), settings_.process_completed_interval,
                   enabled(kProcessCompletedTask), [this] { return report_completed(); });
    scheduler_.add(std::string(kStoreCheckTask), settings_.store_check_interval, enabled(kStoreCheckTask),
                   [this] { return check_store(); });
    scheduler_.add(std::string(kBatchHealthTask), settings_.batch_health_interval, enabled(kBatchHealthTask),
                   [this] { return check_batch_health(); });
    scheduler_.add(std::string(kEquipmentFailuresTask), settings_.equipment_failure_interval,
                   enabled(kEquipmentFailuresTask), [this] { return watch_equipment_failures(); });
    scheduler_.add(std::string(kLogRetentionTask), std::chrono::hours(24), enabled(kLogRetentionTask),
                   [this] { return prune_event_log(); });
}

asio::awaitable<Result<void>> Service::queue_confirmed_mos() {
    const tasks::MoSyncOutcome outcome = co_await mo_sync_.run_once(wall_now());
    if (outcome.queued > 0) scheduler_.poke(kPlcReadTask);
    // Waiting is normal (a queue is running); say so when the reason changes, not every minute.
    if (outcome.waiting != mo_sync_waiting_ && !outcome.waiting.empty())
        log_.log(LogLevel::info, "Task 1 waits: " + outcome.waiting);
    mo_sync_waiting_ = outcome.waiting;
    if (outcome.error) co_return *outcome.error;  // Task 1 logs its failures itself, once per outage
    co_return Result<void>{};
}

asio::awaitable<Result<void>> Service::report_completed() {
    (void)co_await completion_.enqueue_finished(wall_now());
    const tasks::JobRunner::Clock clock = &wall_now;
    const int handled = co_await completion_.run_due(clock);
    // Archived batches may have emptied the queue: Task 1 looks at once.
    if (handled > 0) scheduler_.poke(kMoSyncTask);
    co_return odoo_as_seen_by(completion_.odoo_link());
}

asio::awaitable<Result<void>> Service::plc_read_cycle() {
    tasks::SyncOutcome outcome = co_await sync_.run_once(wall_now());
    // A stored failure edge goes to the cancel worker at once, a finished batch to Task 3.
    if (outcome.failures_recorded > 0) scheduler_.poke(kCancelWorkerTask);
    if (outcome.finished_acknowledged > 0) scheduler_.poke(kProcessCompletedTask);
    Result<void> result;
    if (outcome.error) result = *outcome.error;
    last_sync_ = std::move(outcome);
    co_return result;
}

asio::awaitable<Result<void>> Service::run_cancel_jobs() {
    // Each job at the time it is processed (an archive's created_at is the moment of archiving even
    // when ten slow Odoo calls came before it).
    const tasks::JobRunner::Clock clock = &wall_now;
    (void)co_await cancel_.run_due(clock);
    co_return odoo_as_seen_by(cancel_.odoo_link());
}

asio::awaitable<Result<void>> Service::check_store() {
    auto op = &check_on_db_thread;
    auto check = co_await db_.run(op);
    say_write_outages(db_.health());
    if (!check) {
        database_.connected = false;
        database_.last_error = check.error().message();
        store_check_.failing("database check failed: " + database_.last_error);
        co_return std::move(check).error();
    }
    store_check_.recovered("database answers again");
    database_.connected = check->health.connected;
    database_.reconnects = check->health.reconnects;
    database_.last_error = check->health.last_error;
    database_.checked_at = wall_now();
    jobs_ = check->jobs;
    co_return Result<void>{};
}

void Service::say_write_outages(const store::StoreHealth& now) {
    // Counted by the store, so an episode that began and ended between two checks is said too.
    if (now.write_outages > write_outages_said_) {
        log_.log(LogLevel::warning,
                 fmt::format("database writes fail: {}; nothing is stored or archived until a write succeeds "
                             "(health says degraded meanwhile)",
                             now.last_write_error));
        write_outages_said_ = now.write_outages;
        write_outage_open_ = true;
    }
    if (write_outage_open_ && !now.writes_failing) {
        log_.log(LogLevel::info, "database writes succeed again");
        write_outage_open_ = false;
    }
}

HealthReport Service::health() const {
    HealthReport h;
    h.at = wall_now();
    h.plc.link = sync_.plc_link();
    h.plc.slots_with_problems = sync_.slots_with_problems();
    h.plc.problems_reported = sync_.problems_reported();
    h.plc.foreign_slots = sync_.foreign_slots();
    if (const auto& warning = plc_.stats().standing_warning) h.plc.standing_warning = fins::describe(*warning);
    // Odoo as whichever client talked to it last saw it.
    auto latest = [](const LinkStatus& l) {
        return std::max(l.last_ok.value_or(WallClock::time_point{}), l.last_failure.value_or(WallClock::time_point{}));
    };
    for (const odoo::OdooClient* client : odoo_clients_)
        if (latest(client->link()) >= latest(h.odoo)) h.odoo = client->link();
    h.database = database_;
    // The write outcome as of the last database call, not of the last periodic check.
    const store::StoreHealth store_now = db_.health();
    h.database.writes_failing = store_now.writes_failing;
    h.database.last_write_error = store_now.last_write_error;
    if (!store_now.connected) {
        h.database.connected = false;
        h.database.last_error = store_now.last_error;
    }
    h.jobs = jobs_;
    h.scheduler_enabled = scheduler_.enabled();
    h.batch_concerns = concern_texts_;
    h.unqueued_mos = mo_sync_.unqueued();
    return h;
}

asio::awaitable<Result<void>> Service::check_batch_health() {
    auto views = co_await batches();
    if (!views) co_return std::move(views).error();
    const auto now = wall_now();
    std::set<std::string> keys;
    std::vector<std::string> texts;
    std::vector<store::EventEntry> new_events;
    for (const BatchView& v : *views) {
        for (const tasks::BatchConcern& c : tasks::assess_batch(v.batch, v.jobs, now, settings_.stuck_after)) {
            const std::string key = fmt::format("{}|{}", c.batch_id, c.key);
            const std::string text = fmt::format("batch #{} (MO: {}): {}", c.batch_no, c.mo_id, c.text);
            keys.insert(key);
            texts.push_back(text);
            if (concern_keys_.contains(key)) continue;  // one WARNING per episode
            log_.log(LogLevel::warning, text);
            new_events.push_back({now, "WARNING", "batch_health", c.batch_no, c.mo_id, c.text});
        }
    }
    concern_keys_ = std::move(keys);
    concern_texts_ = std::move(texts);
    if (new_events.empty()) co_return Result<void>{};
    auto record = [new_events](store::Repository& r) -> Result<void> {
        for (const auto& e : new_events)
            if (auto logged = r.log_event(e); !logged) return logged;
        return {};
    };
    auto recorded = co_await db_.run(std::move(record));
    co_return recorded;
}

asio::awaitable<Result<void>> Service::watch_equipment_failures() {
    (void)co_await failures_.read_once(wall_now());
    const tasks::JobRunner::Clock clock = &wall_now;
    (void)co_await failures_.report_due(clock);
    co_return Result<void>{};
}

asio::awaitable<Result<void>> Service::prune_event_log() {
    const auto before = wall_now() - settings_.log_retention;
    auto prune = [before](store::Repository& r) { return r.prune_events(before); };
    auto pruned = co_await db_.run(std::move(prune));
    if (!pruned) co_return std::move(pruned).error();
    if (*pruned > 0)
        log_.log(LogLevel::info, fmt::format("event log: {} entries older than the retention removed", *pruned));
    co_return Result<void>{};
}

asio::awaitable<Result<std::vector<BatchView>>> Service::batches() {
    auto load = [](store::Repository& r) -> Result<std::vector<BatchView>> {
        auto active = r.active_batches();
        if (!active) return std::move(active).error();
        std::vector<BatchView> out;
        out.reserve(active->size());
        for (store::Batch& b : *active) {
            auto jobs = r.jobs_for_batch(b.id);
            if (!jobs) return std::move(jobs).error();
            out.push_back({std::move(b), std::move(*jobs), {}});
        }
        return out;
    };
    auto loaded = co_await db_.run(std::move(load));
    if (loaded) {
        const auto now = wall_now();
        for (BatchView& v : *loaded)
            for (const auto& c : tasks::assess_batch(v.batch, v.jobs, now, settings_.stuck_after))
                v.concerns.push_back(c.text);
    }
    co_return loaded;
}

asio::awaitable<Result<std::vector<store::History>>> Service::histories(store::HistoryFilter filter) {
    auto load = [filter](store::Repository& r) { return r.histories(filter); };
    auto loaded = co_await db_.run(std::move(load));
    co_return loaded;
}

asio::awaitable<Result<ManualCancelResult>> Service::manual_cancel(int batch_no, std::string notes,
                                                                   bool cancel_in_odoo) {
    const auto now = wall_now();
    Logger& log = log_;
    const std::string effective_notes = notes.empty() ? std::string(batch::kManualCancelNote) : notes;
    if (cancel_in_odoo) {
        auto queue = [&log, batch_no, notes, now](store::Repository& r) {
            return tasks::request_odoo_cancel(r, log, batch_no, notes, now);
        };
        auto queued = co_await db_.run(std::move(queue));
        if (!queued) co_return std::move(queued).error();
        scheduler_.poke(kCancelWorkerTask);
        co_return ManualCancelResult{batch_no, queued->mo_id, effective_notes, queued->job_id};
    }
    auto archive = [&log, batch_no, notes, now](store::Repository& r) {
        return tasks::manual_cancel(r, log, batch_no, notes, now);
    };
    auto done = co_await db_.run(std::move(archive));
    if (!done) co_return std::move(done).error();
    co_return ManualCancelResult{batch_no, done->mo_id, effective_notes, std::nullopt};
}

asio::awaitable<std::optional<tasks::SyncOutcome>> Service::trigger_plc_sync() {
    const std::string name(kPlcReadTask);
    auto ran = co_await scheduler_.run_now(name);
    if (!ran) co_return std::nullopt;
    co_return last_sync_;
}

}  // namespace plcbridge::service
