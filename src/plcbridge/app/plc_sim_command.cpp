#include "plcbridge/app/plc_sim_command.hpp"

#include <csignal>
#include <iostream>
#include <optional>

#include <fmt/format.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include "plcbridge/app/exit_codes.hpp"
#include "plcbridge/app/host_port.hpp"
#include "plcbridge/app/sim_runner_clock.hpp"
#include "plcbridge/sim/plc_sim_server.hpp"
#include "plcbridge/sim/simulated_plc.hpp"

namespace plcbridge::app {

int plc_sim_command(const PlcSimArgs& args) {
    auto listen = parse_host_port(args.listen);
    if (!listen) {
        std::cerr << "plcbridge: error: --listen " << listen.error().message() << '\n';
        return kExitBadUsage;
    }
    if (args.fail_slot < 0 || args.fail_slot > 10 || args.tick_ms < 10) {
        std::cerr << "plcbridge: error: --fail-slot takes 0..10 and --tick-ms at least 10\n";
        return kExitBadUsage;
    }
    if (args.node < 1 || args.node > 254) {
        std::cerr << "plcbridge: error: --node " << args.node << " is outside 1..254\n";
        return kExitBadUsage;
    }

    boost::asio::io_context io;
    sim::SimulatedPlc plc(sim::SimulatedPlcOptions{static_cast<std::uint8_t>(args.node)});
    plc.set_knobs(args.knobs);
    sim::PlcSimServer server(io, plc);
    auto port = server.listen(listen->host, listen->port);
    if (!port) {
        std::cerr << "plcbridge: error: " << port.error().message() << '\n';
        return kExitRuntimeFailure;
    }
    std::cout << fmt::format("{{\"fins_port\": {}}}", *port) << std::endl;  // flushed: scripts wait for it
    std::cerr << fmt::format("plc-sim: FINS over UDP and TCP on {}:{}, node {}\n", listen->host, *port, args.node);

    std::optional<sim::BatchRunner> runner;
    std::optional<SimRunnerClock> clock;
    if (args.auto_run) {
        runner.emplace(plc, sim::BatchRunnerOptions{10, 20, args.fail_slot, 4});
        clock.emplace(io, *runner, std::chrono::milliseconds(args.tick_ms),
                      [](const std::string& line) { std::cerr << "plc-sim: " << line << std::endl; });
        clock->start();
        std::cerr << "plc-sim: batch program running: ready for a queue (D7076 = 1)\n";
    }

    boost::asio::signal_set signals(io, SIGINT, SIGTERM);
    signals.async_wait([&](const boost::system::error_code&, int signal) {
        std::cerr << fmt::format("plc-sim: signal {} received, stopping\n", signal);
        server.stop();
        io.stop();
    });
    io.run();
    return kExitOk;
}

}  // namespace plcbridge::app
