// Task 1 as the service runs it: queue confirmed MOs into the PLC, then have the read cycle look.
#include <fmt/format.h>

#include "plcbridge/service/scheduler.hpp"
#include "plcbridge/service/task_names.hpp"
#include "plcbridge/service/task_registry.hpp"
#include "plcbridge/tasks/mo_sync.hpp"

namespace plcbridge::service {
namespace {

using namespace std::chrono_literals;

constexpr TaskDeclaration kDeclaration{kMoSyncTask, 60s, PeriodKey{"mo_sync_interval_s", 1s, 1, 86400}};

class MoSyncTask final : public DeclaredTask {
  public:
    explicit MoSyncTask(TaskContext& parts) : DeclaredTask(parts, kDeclaration) {}

    boost::asio::awaitable<Result<void>> run() override {
        const tasks::MoSyncOutcome outcome = co_await parts_.mo_sync.run_once(wall_now());
        if (outcome.queued > 0) parts_.scheduler.poke(kPlcReadTask);
        // Waiting is normal (a queue is running); say so when the reason changes, not every minute.
        if (outcome.waiting != waiting_ && !outcome.waiting.empty())
            parts_.log.log(LogLevel::info, "Task 1 waits: " + outcome.waiting);
        waiting_ = outcome.waiting;
        if (outcome.error) co_return *outcome.error;  // Task 1 logs its failures itself, once per outage
        co_return Result<void>{};
    }

    void report(HealthReport& health) const override {
        health.unqueued_mos = parts_.mo_sync.unqueued();
        report_odoo(health, parts_.mo_sync.odoo_link());
    }

  private:
    std::string waiting_;  ///< the last reason Task 1 waited, logged once per change
};

}  // namespace

TaskEntry mo_sync_task() {
    return entry_of<MoSyncTask>(kDeclaration);
}

}  // namespace plcbridge::service
