// Task 5 as the service runs it: read the failure area once, then send the due reports.
#include "plcbridge/service/task_names.hpp"
#include "plcbridge/service/task_registry.hpp"
#include "plcbridge/tasks/equipment_failure_monitor.hpp"

namespace plcbridge::service {
namespace {

using namespace std::chrono_literals;

constexpr TaskDeclaration kDeclaration{kEquipmentFailuresTask, 5s,
                                       PeriodKey{"equipment_failure_interval_s", 1s, 1, 86400}};

class EquipmentFailuresTask final : public DeclaredTask {
  public:
    explicit EquipmentFailuresTask(TaskContext& parts) : DeclaredTask(parts, kDeclaration) {}

    boost::asio::awaitable<Result<void>> run() override {
        (void)co_await parts_.failures.read_once(wall_now());
        const tasks::JobRunner::Clock clock = &wall_now;
        (void)co_await parts_.failures.report_due(clock);
        co_return Result<void>{};
    }

    void report(HealthReport& health) const override { report_odoo(health, parts_.failures.odoo_link()); }
};

}  // namespace

TaskEntry equipment_failures_task() {
    return entry_of<EquipmentFailuresTask>(kDeclaration);
}

}  // namespace plcbridge::service
