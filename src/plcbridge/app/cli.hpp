#pragma once
/// The command line: one binary, subcommands (docs/CONTRACT.md "Command line"). Exceptions from argument
/// parsing end here; everything below returns exit codes.

namespace plcbridge::app {

int run_cli(int argc, char** argv);

}  // namespace plcbridge::app
