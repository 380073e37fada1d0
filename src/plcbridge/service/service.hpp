#pragma once
/// The running service: the registered tasks on the scheduler (task_registry), and what the HTTP
/// API asks of them (health, batches, histories, manual cancel, a manual read cycle, the
/// scheduler). Everything runs on one executor; the database on its own thread. Owns the task
/// objects, nothing else: the composition root (app/run_command) builds the parts and wires them here.

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "plcbridge/core/logger.hpp"
#include "plcbridge/core/result.hpp"
#include "plcbridge/service/health.hpp"
#include "plcbridge/service/scheduler.hpp"
#include "plcbridge/service/service_api.hpp"
#include "plcbridge/service/service_task.hpp"
#include "plcbridge/store/db_worker.hpp"
#include "plcbridge/tasks/plc_sync.hpp"

namespace plcbridge::service {

class Service final : public ServiceApi {
  public:
    /// Makes every registered task from `parts` (which must outlive the service).
    Service(TaskContext& parts, int slots);

    /// Adds the tasks to the scheduler with their periods (call once, before Scheduler::start).
    void schedule();

    // What the API asks (ServiceApi).
    [[nodiscard]] HealthReport health() const override;
    [[nodiscard]] std::chrono::milliseconds stale_after() const noexcept override;
    boost::asio::awaitable<Result<std::vector<BatchView>>> batches() override;
    boost::asio::awaitable<Result<std::vector<store::History>>> histories(store::HistoryFilter filter) override;
    boost::asio::awaitable<Result<ManualCancelResult>> manual_cancel(int batch_no, std::string notes,
                                                                     bool cancel_in_odoo) override;
    boost::asio::awaitable<std::optional<tasks::SyncOutcome>> trigger_plc_sync() override;
    [[nodiscard]] Scheduler& scheduler() noexcept override { return parts_.scheduler; }
    [[nodiscard]] std::string metrics() const override;
    [[nodiscard]] int slots() const noexcept override { return slots_; }
    boost::asio::awaitable<Result<ConsoleInputs>> console_inputs() override;
    boost::asio::awaitable<Result<std::optional<store::OperatorAccount>>> sign_in(std::string username,
                                                                                  std::string password) override;
    boost::asio::awaitable<Result<std::optional<store::OperatorAccount>>> find_operator(std::string username) override;
    boost::asio::awaitable<Result<void>> audit(store::AuditEntry entry) override;
    boost::asio::awaitable<Result<std::vector<store::AuditEntry>>> audit_entries(store::AuditFilter filter) override;
    boost::asio::awaitable<Result<std::vector<store::StoredEquipmentFailure>>> equipment_failures(int limit) override;
    boost::asio::awaitable<Result<store::Job>> retry_job(std::int64_t job_id) override;

  private:
    /// A task that drives the line runs only while this instance leads it.
    boost::asio::awaitable<Result<void>> run_while_leading(ServiceTask& task);

    TaskContext& parts_;
    int slots_;
    std::vector<std::unique_ptr<ServiceTask>> tasks_;
};

}  // namespace plcbridge::service
