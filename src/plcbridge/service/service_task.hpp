#pragma once
/// A scheduled task of the service, declared in one place: its name (what `[tasks] disabled`, the
/// scheduler API and the logs call it), its period and the `[tasks]` key that sets it (unit and
/// range, checked once by the configuration), its body, and what it adds to health. The scheduler
/// and the configuration schema learn every task from the registry (task_registry.cpp), one line each.

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "plcbridge/core/logger.hpp"
#include "plcbridge/core/plant_metrics.hpp"
#include "plcbridge/core/result.hpp"
#include "plcbridge/service/health.hpp"

namespace plcbridge::odoo {
class OdooClient;
}
namespace plcbridge::plc {
class PlcClient;
}
namespace plcbridge::store {
class DbWorker;
class LeaseKeeper;
}  // namespace plcbridge::store
namespace plcbridge {
class Leadership;
}
namespace plcbridge::tasks {
class MoSync;
class PlcSync;
class CancelWorker;
class CompletionWorker;
class EquipmentFailureMonitor;
}  // namespace plcbridge::tasks

namespace plcbridge::service {

class Scheduler;

/// How `[tasks]` sets a period: the key, the unit its number is in, the accepted range (in units).
struct PeriodKey {
    std::string_view key;
    std::chrono::milliseconds unit;
    std::int64_t min;
    std::int64_t max;
};

struct TaskDeclaration {
    std::string_view name;
    std::chrono::milliseconds period;     ///< when the configuration does not set it
    std::optional<PeriodKey> period_key;  ///< nullopt: a fixed period
    /// Whether the task drives the line (the PLC, Odoo, the line's data): it then runs only on the
    /// instance that leads the line; a standby runs the others (docs/FAILOVER.md).
    bool drives_line = true;
};

/// The tasks' settings from the configuration, typed and checked.
struct TaskSettings {
    std::map<std::string, std::chrono::milliseconds, std::less<>> periods;  ///< by task name; absent: the default
    std::chrono::seconds stuck_after{900};                                  ///< Task 4
    std::chrono::hours log_retention{24 * 30};                              ///< Task 6
    std::set<std::string, std::less<>> disabled;
};

/// The parts a task body works with, built by the composition root; the tasks only use them.
struct TaskContext {
    plc::PlcClient& plc;
    tasks::MoSync& mo_sync;
    tasks::PlcSync& sync;
    tasks::CancelWorker& cancel;
    tasks::CompletionWorker& completion;
    tasks::EquipmentFailureMonitor& failures;
    store::DbWorker& db;
    Scheduler& scheduler;
    Logger& log;
    const TaskSettings& settings;
    metrics::PlantMetrics& metrics;
    const Leadership& leadership;
    const store::LeaseKeeper* lease_keeper;  ///< null for a single instance (SQLite)
};

class ServiceTask {
  public:
    virtual ~ServiceTask() = default;
    [[nodiscard]] virtual const TaskDeclaration& declaration() const noexcept = 0;
    /// One run; what went wrong, if anything (the scheduler keeps it as the task's last error).
    virtual boost::asio::awaitable<Result<void>> run() = 0;
    /// What this task last saw, into the health snapshot.
    virtual void report(HealthReport&) const {}
};

/// What every task has: the service's parts and its declaration.
class DeclaredTask : public ServiceTask {
  public:
    DeclaredTask(TaskContext& parts, const TaskDeclaration& declaration) : parts_(parts), declaration_(declaration) {}
    [[nodiscard]] const TaskDeclaration& declaration() const noexcept final { return declaration_; }

  protected:
    TaskContext& parts_;

  private:
    const TaskDeclaration& declaration_;
};

/// Odoo as `link` saw it, when that is newer than what `health` holds: health shows Odoo as the
/// client that talked to it last saw it.
void report_odoo(HealthReport& health, const LinkStatus& link);

/// A worker's run failed when its Odoo calls do: its jobs wait, and the task's status says why.
[[nodiscard]] Result<void> odoo_as_seen_by(const LinkStatus& link);

/// The time the tasks run at: the wall clock (the database stores UTC).
[[nodiscard]] inline std::chrono::system_clock::time_point wall_now() {
    return std::chrono::system_clock::now();
}

}  // namespace plcbridge::service
