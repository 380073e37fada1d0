#pragma once
/// The command line: one binary, subcommands (INTERFACE.md section 2). Exceptions from argument
/// parsing end here; everything below returns exit codes.

namespace plcbridge::app {

int run_cli(int argc, char** argv);

}  // namespace plcbridge::app
