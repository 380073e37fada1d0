#pragma once
/// `plcbridge run --config FILE`: the service until SIGINT/SIGTERM; and the same service for a
/// configuration built in code (`plcbridge demo`).

#include <cstdint>
#include <functional>
#include <string>

#include "plcbridge/app/config.hpp"

namespace plcbridge::app {

int run_command(const std::string& config_path);

/// Builds every part from `config`, serves until SIGINT/SIGTERM, returns the exit code. `on_started`
/// gets the API port once it listens (after {"api_port": P} is printed).
int run_service(const Config& config, const std::function<void(std::uint16_t api_port)>& on_started);

}  // namespace plcbridge::app
