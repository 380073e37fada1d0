#pragma once
/// The running service: Task 2's read cycle, the cancel worker and the store check as scheduler
/// tasks, and what the HTTP API asks of them (health, batches, histories, manual cancel, a manual
/// read cycle, the scheduler). Everything runs on one executor; the database on its own thread.
/// Owns nothing: the composition root (app/run_command) builds the parts and wires them here.

#include <chrono>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "plcbridge/core/episode_reporter.hpp"
#include "plcbridge/core/logger.hpp"
#include "plcbridge/core/result.hpp"
#include "plcbridge/plc/plc_client.hpp"
#include "plcbridge/service/health.hpp"
#include "plcbridge/service/scheduler.hpp"
#include "plcbridge/service/service_api.hpp"
#include "plcbridge/service/task_names.hpp"
#include "plcbridge/store/db_worker.hpp"
#include "plcbridge/tasks/batch_health.hpp"
#include "plcbridge/tasks/cancel_worker.hpp"
#include "plcbridge/tasks/completion_worker.hpp"
#include "plcbridge/tasks/equipment_failure_monitor.hpp"
#include "plcbridge/tasks/mo_sync.hpp"
#include "plcbridge/tasks/plc_sync.hpp"

namespace plcbridge::service {

struct ServiceSettings {
    int slots = 10;
    std::chrono::milliseconds mo_sync_interval{60000};
    std::chrono::milliseconds plc_read_interval{5000};
    std::chrono::milliseconds process_completed_interval{10000};
    /// The cancel worker also runs at once when a failure edge is stored; this period picks up
    /// retries that came due and jobs left by a previous run.
    std::chrono::milliseconds cancel_interval{1000};
    std::chrono::milliseconds store_check_interval{5000};
    std::chrono::milliseconds batch_health_interval{60000};
    std::chrono::milliseconds equipment_failure_interval{5000};
    std::chrono::seconds stuck_after{900};
    std::chrono::hours log_retention{24 * 30};
    std::set<std::string, std::less<>> disabled_tasks;
};

/// The parts the composition root built; the service only uses them.
struct ServiceParts {
    plc::PlcClient& plc;
    tasks::MoSync& mo_sync;
    tasks::PlcSync& sync;
    tasks::CancelWorker& cancel;
    tasks::CompletionWorker& completion;
    tasks::EquipmentFailureMonitor& failures;
    store::DbWorker& db;
    Scheduler& scheduler;
    Logger& log;
    /// Every client that talks to Odoo: health shows Odoo as the one that talked to it last saw it.
    std::vector<const odoo::OdooClient*> odoo_clients;
};

class Service final : public ServiceApi {
  public:
    Service(ServiceParts parts, ServiceSettings settings);

    /// Adds the tasks to the scheduler (call once, before Scheduler::start).
    void schedule();

    // Task bodies: what went wrong in the run, if anything.
    boost::asio::awaitable<Result<void>> queue_confirmed_mos();
    boost::asio::awaitable<Result<void>> plc_read_cycle();
    boost::asio::awaitable<Result<void>> report_completed();
    boost::asio::awaitable<Result<void>> run_cancel_jobs();
    boost::asio::awaitable<Result<void>> check_store();
    /// One WARNING per episode of failing writes, one INFO when writes succeed again.
    void say_write_outages(const store::StoreHealth& now);
    boost::asio::awaitable<Result<void>> check_batch_health();
    boost::asio::awaitable<Result<void>> watch_equipment_failures();
    boost::asio::awaitable<Result<void>> prune_event_log();

    // What the API asks (ServiceApi).
    [[nodiscard]] HealthReport health() const override;
    [[nodiscard]] std::chrono::milliseconds stale_after() const noexcept override {
        return settings_.store_check_interval * 3;
    }
    boost::asio::awaitable<Result<std::vector<BatchView>>> batches() override;
    boost::asio::awaitable<Result<std::vector<store::History>>> histories(store::HistoryFilter filter) override;
    boost::asio::awaitable<Result<ManualCancelResult>> manual_cancel(int batch_no, std::string notes,
                                                                     bool cancel_in_odoo) override;
    boost::asio::awaitable<std::optional<tasks::SyncOutcome>> trigger_plc_sync() override;
    [[nodiscard]] Scheduler& scheduler() noexcept override { return scheduler_; }
    [[nodiscard]] int slots() const noexcept override { return settings_.slots; }

  private:
    plc::PlcClient& plc_;
    tasks::MoSync& mo_sync_;
    tasks::PlcSync& sync_;
    tasks::CancelWorker& cancel_;
    tasks::CompletionWorker& completion_;
    tasks::EquipmentFailureMonitor& failures_;
    store::DbWorker& db_;
    Scheduler& scheduler_;
    Logger& log_;
    std::vector<const odoo::OdooClient*> odoo_clients_;
    std::string mo_sync_waiting_;  ///< the last reason Task 1 waited, logged once per change
    ServiceSettings settings_;
    std::optional<tasks::SyncOutcome> last_sync_;
    DatabaseHealth database_;
    JobCounts jobs_;
    EpisodeReporter store_check_;  ///< the periodic database check failing, said once per outage
    std::uint64_t write_outages_said_ = 0;
    bool write_outage_open_ = false;
    std::set<std::string> concern_keys_;      ///< "batch id|key" of the concerns already warned about
    std::vector<std::string> concern_texts_;  ///< the current ones, for health
};

}  // namespace plcbridge::service
