#pragma once
/// Operator diagnostics: `plcbridge plc read|write|status` (docs/CONTRACT.md "Command line").

#include <string>
#include <vector>

#include "plcbridge/app/plc_target.hpp"

namespace plcbridge::app {

int plc_read_command(const PlcTarget& target, const std::string& address, std::size_t count);
int plc_write_command(const PlcTarget& target, const std::string& address, const std::vector<std::string>& values);
int plc_status_command(const PlcTarget& target);
/// Every slot of the read, write or failure area, decoded with the memory map.
int plc_slots_command(const PlcTarget& target, const std::string& area, bool json);

}  // namespace plcbridge::app
