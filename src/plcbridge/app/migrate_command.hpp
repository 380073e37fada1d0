#pragma once
/// `plcbridge migrate --config FILE`: create or upgrade the database schema and exit.

#include <string>

namespace plcbridge::app {

int migrate_command(const std::string& config_path);

}  // namespace plcbridge::app
