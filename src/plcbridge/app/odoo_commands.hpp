#pragma once
/// `plcbridge odoo-sim` (the standalone Odoo simulator) and `plcbridge odoo ping`.

#include <string>

namespace plcbridge::app {

struct OdooSimArgs {
    std::string listen = "127.0.0.1:8069";
    int generate = 0;  ///< 0: the plant's captured MOs (unless `empty`)
    bool empty = false;
    std::string database = "odoo14";
    std::string login = "admin";
    std::string password = "admin";
};

/// Serves until SIGINT/SIGTERM. Prints {"port": P} (flushed) once listening.
int odoo_sim_command(const OdooSimArgs& args);

/// Logs in; prints the grt_scada module version and the number of confirmed MOs, or why not.
int odoo_ping_command(const std::string& config_path);

}  // namespace plcbridge::app
