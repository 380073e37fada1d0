#pragma once
/// Where a command's configuration comes from (docs/OPERATIONS.md "Configuration"): the file given
/// with --config, else the packaged default /etc/plcbridge/plcbridge.toml when it exists, else the
/// built-in defaults — but a command that touches the database never runs on the defaults, which
/// would silently create ./plcbridge.db wherever it was started. The process environment's
/// PLCBRIDGE_<SECTION>_<KEY> variables override the file; any other PLCBRIDGE_ name is a typo to
/// report (PLCBRIDGE_TEST_* is the test harness's namespace and is left alone).

#include <string>
#include <vector>

#include "plcbridge/app/config.hpp"
#include "plcbridge/core/result.hpp"

namespace plcbridge::app {

/// The packaged configuration (docs/OPERATIONS.md); compiled in so a test build can point elsewhere.
[[nodiscard]] std::string packaged_config_path();

enum class ConfigUse {
    diagnostics,      ///< plc ..., odoo ping: the defaults are a usable start
    touches_database  ///< run, migrate, cancel, check: a configuration must be named or installed
};

/// The file to read: `given`, else the packaged default if `packaged_exists`, else "" (defaults) —
/// or an error for a database command with neither. Pure.
[[nodiscard]] Result<std::string> choose_config_file(const std::string& given, bool packaged_exists, ConfigUse use);

/// Every PLCBRIDGE_ name in `names` must be a configuration key's variable (or PLCBRIDGE_TEST_*); the
/// error names the first that is not, and the nearest key's variable. Pure.
[[nodiscard]] Result<void> check_variable_names(const std::vector<std::string>& names);

/// The configuration a command runs with: the chosen file, this process's environment checked and
/// applied. Errors are usage errors (exit 2) whose detail says what to do.
[[nodiscard]] Result<Config> load_command_config(const std::string& given, ConfigUse use);

}  // namespace plcbridge::app
