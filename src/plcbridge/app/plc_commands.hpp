#pragma once
/// Operator diagnostics: `plcbridge plc read|write|status` (INTERFACE.md section 2).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace plcbridge::app {

/// Where the PLC is: --config FILE, optionally overridden by --host/--port/--transport.
struct PlcTarget {
    std::string config_path;
    std::optional<std::string> host;
    std::optional<std::uint16_t> port;
    std::optional<std::string> transport;
};

int plc_read_command(const PlcTarget& target, const std::string& address, std::size_t count);
int plc_write_command(const PlcTarget& target, const std::string& address, const std::vector<std::string>& values);
int plc_status_command(const PlcTarget& target);

}  // namespace plcbridge::app
