#include "plcbridge/app/sim_runner_clock.hpp"

#include <fmt/format.h>

namespace plcbridge::app {

SimRunnerClock::SimRunnerClock(boost::asio::io_context& io, sim::BatchRunner& runner, std::chrono::milliseconds tick,
                               Print print)
    : timer_(io), runner_(runner), tick_(tick), print_(std::move(print)) {}

void SimRunnerClock::start() {
    schedule();
}

void SimRunnerClock::schedule() {
    timer_.expires_after(tick_);
    timer_.async_wait([this](const boost::system::error_code& ec) {
        if (ec) return;
        if (const std::string line = describe_tick(runner_.tick()); !line.empty()) print_(line);
        schedule();
    });
}

std::string describe_tick(const std::vector<sim::RunnerEvent>& events) {
    std::string progress;
    std::string out;
    for (const auto& e : events) {
        switch (e.kind) {
            case sim::RunnerEvent::Kind::queue_taken: out += "PLC: new queue taken, batches start; "; break;
            case sim::RunnerEvent::Kind::progress: progress += fmt::format(" #{} {}%", e.slot, e.percent); break;
            case sim::RunnerEvent::Kind::finished: out += fmt::format("PLC: batch #{} finished; ", e.slot); break;
            case sim::RunnerEvent::Kind::failed:
                out += fmt::format("PLC: batch #{} FAILED at {}% (status_operation = 1); ", e.slot, e.percent);
                break;
            case sim::RunnerEvent::Kind::queue_done:
                out += "PLC: queue done, ready for the next one (D7076 = 1); ";
                break;
        }
    }
    if (!progress.empty()) out += "PLC: dosing" + progress;
    while (!out.empty() && (out.back() == ' ' || out.back() == ';'))
        out.pop_back();
    return out;
}

}  // namespace plcbridge::app
