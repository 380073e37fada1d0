#pragma once
/// Ticks a simulated PLC program (sim::BatchRunner) on an io_context and tells the console what the
/// PLC is doing: a queue taken, each batch's progress, a batch finished or failed, the PLC ready.
/// Used by `plcbridge plc-sim --auto-run` and `plcbridge demo`.

#include <chrono>
#include <functional>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include "plcbridge/sim/batch_runner.hpp"

namespace plcbridge::app {

class SimRunnerClock {
  public:
    using Print = std::function<void(const std::string&)>;
    SimRunnerClock(boost::asio::io_context& io, sim::BatchRunner& runner, std::chrono::milliseconds tick, Print print);
    void start();

  private:
    void schedule();

    boost::asio::steady_timer timer_;
    sim::BatchRunner& runner_;
    std::chrono::milliseconds tick_;
    Print print_;
};

/// One console line for a tick's events ("" when nothing happened).
[[nodiscard]] std::string describe_tick(const std::vector<sim::RunnerEvent>& events);

}  // namespace plcbridge::app
