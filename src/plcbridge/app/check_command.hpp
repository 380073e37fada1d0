#pragma once
/// `plcbridge check [--config FILE]`: before a start (or after an edit), one line per check with its
/// result and, on a failure, what to do: the configuration and maps, the PLC (model by FINS 0501,
/// mode by 0601), Odoo (login, grt_scada version), the database (reachable, schema current), the API
/// address (free). Exit 0 only when none failed (docs/OPERATIONS.md "plcbridge check").

#include <string>

namespace plcbridge::app {

int check_command(const std::string& config_path);

}  // namespace plcbridge::app
