#include "plcbridge/app/check_verdicts.hpp"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

namespace plcbridge::app {

std::string format_check_line(const CheckLine& line) {
    const std::string_view state = line.state == CheckState::ok        ? "ok"
                                   : line.state == CheckState::warning ? "WARN"
                                                                       : "FAIL";
    return fmt::format("{:<5} {:<9} {}", state, line.name, line.detail);
}

CheckLine plc_mode_verdict(std::string model, const fins::ControllerStatus& status, std::string where) {
    const auto mode = static_cast<fins::PlcMode>(status.mode);
    const std::string found = fmt::format("{} at {}, mode {}", model, where, fins::mode_name(status.mode));
    if (mode == fins::PlcMode::run || mode == fins::PlcMode::monitor) return {"plc", CheckState::ok, found};
    return {"plc", CheckState::warning,
            found + ": the PLC runs no batches in this mode; switch it to RUN (or MONITOR) with CX-Programmer"};
}

std::optional<std::vector<int>> parse_module_version(std::string_view text) {
    std::vector<int> parts;
    while (!text.empty()) {
        const auto dot = text.find('.');
        const std::string_view part = text.substr(0, dot);
        int n = 0;
        const auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), n);
        if (part.empty() || ec != std::errc{} || end != part.data() + part.size()) return std::nullopt;
        parts.push_back(n);
        if (dot == std::string_view::npos) break;
        text.remove_prefix(dot + 1);
        if (text.empty()) return std::nullopt;  // "14.0."
    }
    if (parts.empty()) return std::nullopt;
    return parts;
}

CheckLine grt_scada_verdict(const std::string& version, std::string where) {
    const auto have = parse_module_version(version);
    const auto need = parse_module_version(kMinimumGrtScada);
    if (!have)
        return {"odoo", CheckState::failed,
                fmt::format("{}: grt_scada answers version '{}', which is not a module version", where, version)};
    if (std::lexicographical_compare(have->begin(), have->end(), need->begin(), need->end()))
        return {"odoo", CheckState::failed,
                fmt::format("{}: grt_scada {} is older than {}, which brought the cancel endpoint: upgrade the "
                            "module in Odoo",
                            where, version, kMinimumGrtScada)};
    return {"odoo", CheckState::ok, fmt::format("{}: logged in, grt_scada {}", where, version)};
}

int check_exit_code(const std::vector<CheckLine>& lines) noexcept {
    return std::any_of(lines.begin(), lines.end(), [](const CheckLine& l) { return l.state == CheckState::failed; })
               ? 1
               : 0;
}

}  // namespace plcbridge::app
