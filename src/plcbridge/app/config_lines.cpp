#include "plcbridge/app/config_lines.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <string>

#include <fmt/format.h>

#include "plcbridge/app/config_section.hpp"

namespace plcbridge::app::detail {
namespace {

/// The sections a line may set for itself; the others belong to the deployment.
constexpr std::string_view kLineSections[] = {"plc", "memory_map", "tasks", "auto_cancel"};

/// `[lines.N]`: each line starts from the top-level sections (file and environment) and sets its own.
Result<std::vector<LineConfig>> lines_in(const Config& base, const toml::table& lines, std::string_view origin) {
    std::vector<LineConfig> out;
    for (const auto& [id_key, node] : lines) {
        const auto line_no = node.source().begin.line;
        int id = 0;
        const std::string_view id_text = id_key.str();
        auto [end, ec] = std::from_chars(id_text.data(), id_text.data() + id_text.size(), id);
        const auto* table = node.as_table();
        if (ec != std::errc{} || end != id_text.data() + id_text.size() || id < 1 || id > kMaxLines ||
            table == nullptr) {
            return config_error(ConfigErrc::invalid_value,
                                fmt::format("{} line {}: [lines.{}]: a line is a section named by its number, "
                                            "1..{} (e.g. [lines.2])",
                                            origin, line_no, id_text, kMaxLines));
        }
        Config scratch = base;
        LineConfig line = line_of(base, id);
        for (const auto& [key, value] : *table) {
            const std::string where = fmt::format("[lines.{}.{}] ", id, key.str());
            if (key.str() == "name" && value.is_string()) {
                line.name = *value.value<std::string>();
            } else if (auto codes = key.str() == "mo_equipment" ? string_list(value) : std::nullopt; codes) {
                line.mo_equipment = std::move(*codes);
            } else if (value.is_table() && std::find(std::begin(kLineSections), std::end(kLineSections), key.str()) !=
                                               std::end(kLineSections)) {
                if (auto applied = apply_section(scratch, key.str(), *value.as_table(), origin, where); !applied)
                    return std::move(applied).error();
            } else {
                return config_error(
                    ConfigErrc::unknown_key,
                    fmt::format("{} line {}: [lines.{}] {} is not a line's setting: a line has name (a string), "
                                "mo_equipment (a list of strings) and its own [lines.{}.plc], memory_map, tasks "
                                "and auto_cancel sections; odoo, database, api, log and failover are the "
                                "deployment's",
                                origin, value.source().begin.line, id, key.str(), id));
            }
        }
        line.plc = scratch.plc;
        line.memory_map = scratch.memory_map;
        line.tasks = scratch.tasks;
        line.auto_cancel = scratch.auto_cancel;
        out.push_back(std::move(line));
    }
    std::sort(out.begin(), out.end(), [](const LineConfig& a, const LineConfig& b) { return a.id < b.id; });
    return out;
}

/// What would make two lines step on each other: one MO on two lines, one PLC driven as two.
Result<void> check_lines(const std::vector<LineConfig>& lines, std::string_view origin) {
    if (lines.size() < 2) return {};
    std::map<std::string, int> owner;  // equipment code -> line
    std::map<std::string, int> plcs;   // host:port node -> line
    for (const LineConfig& line : lines) {
        if (line.mo_equipment.empty()) {
            return config_error(ConfigErrc::invalid_value,
                                fmt::format("{}: [lines.{}] mo_equipment is not set: with several lines each line "
                                            "names the MO equipment codes it queues (e.g. mo_equipment = "
                                            "[\"PLC0{}\"]), or an MO could go to the wrong PLC",
                                            origin, line.id, line.id));
        }
        for (const std::string& code : line.mo_equipment) {
            if (auto [it, fresh] = owner.emplace(code, line.id); !fresh) {
                return config_error(ConfigErrc::invalid_value,
                                    fmt::format("{}: MO equipment \"{}\" is in [lines.{}] and [lines.{}] "
                                                "mo_equipment: an MO belongs to one line",
                                                origin, code, it->second, line.id));
            }
        }
        const std::string plc = fmt::format("{}:{} node {}", line.plc.host, line.plc.port, line.plc.plc_node);
        if (auto [it, fresh] = plcs.emplace(plc, line.id); !fresh) {
            return config_error(ConfigErrc::invalid_value,
                                fmt::format("{}: [lines.{}] and [lines.{}] both talk to the PLC at {}: give each "
                                            "line its own [lines.N.plc] host (or port)",
                                            origin, it->second, line.id, plc));
        }
    }
    return {};
}

}  // namespace

LineConfig line_of(const Config& base, int id) {
    return LineConfig{id, fmt::format("line {}", id), {}, base.plc, base.memory_map, base.tasks, base.auto_cancel};
}

Result<std::vector<LineConfig>> parse_lines(const Config& base, const toml::table& lines, std::string_view origin) {
    auto parsed = lines_in(base, lines, origin);
    if (!parsed) return parsed;
    if (parsed->empty()) {
        return config_error(ConfigErrc::invalid_value,
                            fmt::format("{}: [lines] has no line: add [lines.1] (or remove [lines])", origin));
    }
    if (auto checked = check_lines(*parsed, origin); !checked) return std::move(checked).error();
    return parsed;
}

}  // namespace plcbridge::app::detail

namespace plcbridge::app {

std::string line_prefix(const Config& c, const LineConfig& line) {
    return c.lines.size() > 1 ? line.name + ": " : std::string();
}

}  // namespace plcbridge::app
