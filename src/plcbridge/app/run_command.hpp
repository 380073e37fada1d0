#pragma once
/// `plcbridge run --config FILE`: the service until SIGINT/SIGTERM.

#include <string>

namespace plcbridge::app {

int run_command(const std::string& config_path);

}  // namespace plcbridge::app
