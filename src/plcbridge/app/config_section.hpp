#pragma once
// How parse_config (config.cpp) reads one TOML section into a Config, for the line sections of
// config_lines.cpp, which are the same sections set for one line.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "plcbridge/app/config.hpp"

namespace plcbridge::app::detail {

[[nodiscard]] Error config_error(ConfigErrc e, std::string detail);

/// Stores every key of `[name]` into `config`, each checked against the schema; `where` is how
/// messages name the section before a key ("plc." or "[lines.2.plc] ").
[[nodiscard]] Result<void> apply_section(Config& config, std::string_view name, const toml::table& section,
                                         std::string_view origin, std::string_view where);

/// A list of strings as every list key takes it: ["a", "b"] or "a, b"; nullopt for anything else.
[[nodiscard]] std::optional<std::vector<std::string>> string_list(const toml::node& node);

}  // namespace plcbridge::app::detail
