// Task 3 as the service runs it: a report job for every finished batch, then the due report jobs;
// archived batches may have emptied the queue, so Task 1 looks at once.
#include "plcbridge/service/scheduler.hpp"
#include "plcbridge/service/task_names.hpp"
#include "plcbridge/service/task_registry.hpp"
#include "plcbridge/tasks/completion_worker.hpp"

namespace plcbridge::service {
namespace {

using namespace std::chrono_literals;

constexpr TaskDeclaration kDeclaration{kProcessCompletedTask, 10s,
                                       PeriodKey{"process_completed_interval_s", 1s, 1, 86400}};

class ProcessCompletedTask final : public DeclaredTask {
  public:
    explicit ProcessCompletedTask(TaskContext& parts) : DeclaredTask(parts, kDeclaration) {}

    boost::asio::awaitable<Result<void>> run() override {
        (void)co_await parts_.completion.enqueue_finished(wall_now());
        const tasks::JobRunner::Clock clock = &wall_now;
        const int handled = co_await parts_.completion.run_due(clock);
        if (handled > 0) parts_.scheduler.poke(kMoSyncTask);
        co_return odoo_as_seen_by(parts_.completion.odoo_link());
    }

    void report(HealthReport& health) const override { report_odoo(health, parts_.completion.odoo_link()); }
};

}  // namespace

TaskEntry process_completed_task() {
    return entry_of<ProcessCompletedTask>(kDeclaration);
}

}  // namespace plcbridge::service
