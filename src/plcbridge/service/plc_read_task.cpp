// Task 2 as the service runs it: the read cycle; a stored failure edge goes to the cancel worker at
// once, a finished batch to Task 3.
#include "plcbridge/fins/end_code.hpp"
#include "plcbridge/plc/plc_client.hpp"
#include "plcbridge/service/scheduler.hpp"
#include "plcbridge/service/task_names.hpp"
#include "plcbridge/service/task_registry.hpp"
#include "plcbridge/tasks/plc_sync.hpp"

namespace plcbridge::service {
namespace {

using namespace std::chrono_literals;

constexpr TaskDeclaration kDeclaration{kPlcReadTask, 5000ms, PeriodKey{"plc_read_interval_ms", 1ms, 50, 86400 * 1000}};

class PlcReadTask final : public DeclaredTask {
  public:
    explicit PlcReadTask(TaskContext& parts) : DeclaredTask(parts, kDeclaration) {}

    boost::asio::awaitable<Result<void>> run() override {
        const auto started = std::chrono::steady_clock::now();
        const tasks::SyncOutcome outcome = co_await parts_.sync.run_once(wall_now());
        // The cycle's own commands: the PLC client also serves Task 1 and Task 5 meanwhile.
        count_cycle(std::chrono::steady_clock::now() - started,
                    static_cast<std::uint64_t>(outcome.fins_reads + outcome.fins_writes));
        if (outcome.failures_recorded > 0) parts_.scheduler.poke(kCancelWorkerTask);
        if (outcome.finished_acknowledged > 0) parts_.scheduler.poke(kProcessCompletedTask);
        if (outcome.error) co_return *outcome.error;
        co_return Result<void>{};
    }

    void report(HealthReport& health) const override {
        health.plc.link = parts_.sync.plc_link();
        health.plc.slots_with_problems = parts_.sync.slots_with_problems();
        health.plc.problems_reported = parts_.sync.problems_reported();
        health.plc.foreign_slots = parts_.sync.foreign_slots();
        if (const auto& warning = parts_.plc.stats().standing_warning)
            health.plc.standing_warning = fins::describe(*warning);
    }

  private:
    /// The cycle's duration and FINS commands (reads, and acknowledgements of finished batches); longer than the read
    /// interval is an overrun (the next read starts late).
    void count_cycle(std::chrono::steady_clock::duration took, std::uint64_t commands) {
        metrics::PlantMetrics& m = parts_.metrics;
        m.plc_cycle.observe(took);
        m.plc_cycles.add();
        m.plc_cycle_commands.add(commands);
        m.plc_last_cycle_commands.store(commands, std::memory_order_relaxed);
        if (took > period_of(parts_.settings, kPlcReadTask)) m.plc_cycle_overruns.add();
    }
};

}  // namespace

TaskEntry plc_read_task() {
    return entry_of<PlcReadTask>(kDeclaration);
}

}  // namespace plcbridge::service
