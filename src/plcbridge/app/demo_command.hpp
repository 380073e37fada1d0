#pragma once
/// `plcbridge demo`: the whole batch lifecycle on one machine. The PLC simulator running the plant's
/// batch program (one slot fails on purpose), the Odoo simulator with a dozen confirmed MOs, and the
/// service, all on loopback, SQLite and the log in --data-dir. Ctrl-C stops cleanly; a second run
/// continues from the database (batches still active are back in the simulated PLC, new MOs are
/// numbered after the archived ones).

#include <string>

namespace plcbridge::app {

struct DemoArgs {
    std::string listen = "127.0.0.1:8000";
    std::string data_dir = "plcbridge-demo";
};

int demo_command(const DemoArgs& args);

}  // namespace plcbridge::app
