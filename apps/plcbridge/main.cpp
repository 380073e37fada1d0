// plcbridge: one binary, subcommands. All wiring lives in src/plcbridge/app.
#include <exception>
#include <iostream>

#include "plcbridge/app/cli.hpp"

int main(int argc, char** argv) {
    try {
        return plcbridge::app::run_cli(argc, argv);
    } catch (const std::exception& e) {
        // Only bugs get here: every expected failure is a value below.
        std::cerr << "plcbridge: internal error: " << e.what() << '\n';
        return 1;
    }
}
