#include "plcbridge/app/plc_sim_command.hpp"

#include <csignal>
#include <iostream>

#include <fmt/format.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include "plcbridge/app/exit_codes.hpp"
#include "plcbridge/app/host_port.hpp"
#include "plcbridge/sim/plc_sim_server.hpp"
#include "plcbridge/sim/simulated_plc.hpp"

namespace plcbridge::app {

int plc_sim_command(const PlcSimArgs& args) {
    auto listen = parse_host_port(args.listen);
    if (!listen) {
        std::cerr << "plcbridge: error: --listen " << listen.error().message() << '\n';
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
