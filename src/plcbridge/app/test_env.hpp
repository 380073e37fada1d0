#pragma once
// For the app tests: an environment of exactly these variables, so no test reads or changes the
// process's own (EnvLookup is injected for that reason).
#include <map>
#include <optional>
#include <string>

#include "plcbridge/app/config.hpp"

namespace plcbridge::app {

inline EnvLookup env_of(std::map<std::string, std::string> vars) {
    return [vars = std::move(vars)](std::string_view name) -> std::optional<std::string> {
        auto it = vars.find(std::string(name));
        if (it == vars.end()) return std::nullopt;
        return it->second;
    };
}

}  // namespace plcbridge::app
