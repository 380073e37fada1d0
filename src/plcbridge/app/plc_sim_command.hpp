#pragma once
/// `plcbridge plc-sim`: the standalone FINS PLC simulator.

#include <string>

#include "plcbridge/sim/fault_knobs.hpp"

namespace plcbridge::app {

struct PlcSimArgs {
    std::string listen = "127.0.0.1:9600";
    int node = 1;
    bool auto_run = false;  ///< run the plant's batch program on the queues it is given
    int fail_slot = 0;      ///< with auto_run: fail this slot once, half way
    int tick_ms = 1000;
    sim::FaultKnobs knobs;
};

/// Serves until SIGINT/SIGTERM. Prints {"fins_port": P} (flushed) once listening.
int plc_sim_command(const PlcSimArgs& args);

}  // namespace plcbridge::app
