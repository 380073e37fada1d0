#pragma once
/// The plant's PLC program, simulated well enough to run the whole batch lifecycle on loopback
/// (`plcbridge plc-sim --auto-run`, `plcbridge demo`). On the built-in layout (docs/CONTRACT.md
/// "PLC memory layout": WRITE slots at D7000, READ slots at D6000, stride 100):
/// - ready: D7076 = 1. When the middleware releases a queue (D7076 = 0 with batches in the WRITE
///   slots), each queued batch appears in its READ slot with consumption 0;
/// - each tick, every running batch consumes `step_percent` of each target (capped at the target);
///   at its targets it is finished: status_manufacturing = 1, weight = the planned quantity (the sum
///   consumed when no quantity was given);
/// - `fail_slot` fails once, half way (status_operation = 1), and stops consuming;
/// - when every batch is finished and acknowledged (READ status_read_data = 1) or failed, and
///   `settle_ticks` more ticks have passed, the READ and WRITE slots are cleared and D7076 = 1 again.
/// Pure over the SimulatedPlc's memory: the caller decides when a tick happens.

#include <array>
#include <cstdint>
#include <vector>

#include "plcbridge/sim/simulated_plc.hpp"

namespace plcbridge::sim {

struct BatchRunnerOptions {
    int slots = 10;
    int step_percent = 20;
    int fail_slot = 0;  ///< 0 = none; fails in the first queue only
    int settle_ticks = 6;
};

/// What the runner did in one tick, for the simulator's console.
struct RunnerEvent {
    enum class Kind { queue_taken, progress, finished, failed, queue_done } kind;
    int slot = 0;
    int percent = 0;
};

class BatchRunner {
  public:
    BatchRunner(SimulatedPlc& plc, BatchRunnerOptions options);

    std::vector<RunnerEvent> tick();
    [[nodiscard]] bool running() const noexcept { return running_; }

  private:
    static constexpr int kEquipment = 15;
    struct Slot {
        bool active = false;
        bool failed = false;
        std::array<std::int64_t, kEquipment> target{};  ///< hundredths of kg
    };

    void take_queue(std::vector<RunnerEvent>& events);
    void step(std::vector<RunnerEvent>& events);

    SimulatedPlc& plc_;
    BatchRunnerOptions options_;
    std::vector<Slot> slots_;
    bool running_ = false;
    bool failed_once_ = false;
    int settle_ = 0;
};

}  // namespace plcbridge::sim
