// The cancel worker as the service runs it: the due cancel jobs, each at the time it is processed
// (an archive's created_at is the moment of archiving even when ten slow Odoo calls came before it).
// Task 2 pokes it when it stores a failure edge; the period picks up retries that came due and jobs
// left by a previous run.
#include "plcbridge/service/errc.hpp"
#include "plcbridge/service/task_names.hpp"
#include "plcbridge/service/task_registry.hpp"
#include "plcbridge/tasks/cancel_worker.hpp"

namespace plcbridge::service {
namespace {

using namespace std::chrono_literals;

constexpr TaskDeclaration kDeclaration{kCancelWorkerTask, 1000ms, std::nullopt};

class CancelWorkerTask final : public DeclaredTask {
  public:
    explicit CancelWorkerTask(TaskContext& parts) : DeclaredTask(parts, kDeclaration) {}

    boost::asio::awaitable<Result<void>> run() override {
        const tasks::JobRunner::Clock clock = &wall_now;
        (void)co_await parts_.cancel.run_due(clock);
        co_return odoo_as_seen_by(parts_.cancel.odoo_link());
    }

    void report(HealthReport& health) const override { report_odoo(health, parts_.cancel.odoo_link()); }
};

}  // namespace

TaskEntry cancel_worker_task() {
    return entry_of<CancelWorkerTask>(kDeclaration);
}

}  // namespace plcbridge::service
