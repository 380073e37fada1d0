#pragma once
// `[lines.N]` (docs/LINES.md): the lines of a deployment, each made of the top-level sections and
// what it sets for itself.

#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "plcbridge/app/config.hpp"

namespace plcbridge::app::detail {

/// Line `id` made of the top-level sections alone (the one line of a file without `[lines]`).
[[nodiscard]] LineConfig line_of(const Config& base, int id);

/// The `[lines]` table's lines, sorted by number, each starting from `base` (file and environment
/// applied). Refuses what would send an MO to the wrong PLC: no line, several lines without
/// mo_equipment, one code on two lines, two lines on one PLC.
[[nodiscard]] Result<std::vector<LineConfig>> parse_lines(const Config& base, const toml::table& lines,
                                                          std::string_view origin);

}  // namespace plcbridge::app::detail
