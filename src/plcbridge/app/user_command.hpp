#pragma once
/// `plcbridge user add|passwd|disable|enable|list`: the console's named operators (docs/CONSOLE.md).
/// The password is read from standard input (one line), never from the command line, where every
/// user of the machine could read it in the process list.

#include <string>

namespace plcbridge::app {

struct UserArgs {
    std::string action;  ///< add, passwd, disable, enable, list
    std::string username;
    std::string role = "operator";
    std::string config_path;
};

int user_command(const UserArgs& args);

}  // namespace plcbridge::app
