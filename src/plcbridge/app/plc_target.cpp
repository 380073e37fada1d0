#include "plcbridge/app/plc_target.hpp"

#include <fmt/format.h>

#include "plcbridge/app/config_source.hpp"

namespace plcbridge::app {

int fail(int code, const std::string& message) {
    std::cerr << "plcbridge: error: " << message << '\n';
    return code;
}

Result<Config> resolve_target(const PlcTarget& target) {
    auto config = load_command_config(target.config_path, ConfigUse::diagnostics);
    if (!config) return std::move(config).error();
    if (target.host) config->plc.host = *target.host;
    if (target.port) config->plc.port = *target.port;
    if (target.transport) {
        if (*target.transport != "udp" && *target.transport != "tcp") {
            return Error{make_error_code(ConfigErrc::invalid_value),
                         fmt::format("--transport \"{}\" is not udp or tcp", *target.transport)};
        }
        config->plc.transport = *target.transport;
    }
    return config;
}

}  // namespace plcbridge::app
