#pragma once
/// `plcbridge cancel BATCH_NO [--notes TEXT] --config FILE`: the manual cancel from the command line.

#include <string>

namespace plcbridge::app {

int cancel_command(const std::string& config_path, int batch_no, const std::string& notes);

}  // namespace plcbridge::app
