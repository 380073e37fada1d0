#pragma once
/// `plcbridge check`'s judgements, pure (docs/OPERATIONS.md "plcbridge check"): one line per check,
/// ok / WARN / FAIL with what to do; the exit code is 0 only when none failed.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "plcbridge/fins/response.hpp"

namespace plcbridge::app {

enum class CheckState { ok, warning, failed };

struct CheckLine {
    std::string name;  ///< config, maps, plc, odoo, database, api
    CheckState state = CheckState::ok;
    std::string detail;  ///< what was found; on a failure also what to do
};

/// "ok    plc       CJ2M-CPU33 at 192.168.250.1:9600/udp, mode RUN"
[[nodiscard]] std::string format_check_line(const CheckLine& line);

/// RUN and MONITOR run batches; PROGRAM (or anything else) is a warning: nothing will be dosed.
[[nodiscard]] CheckLine plc_mode_verdict(std::string model, const fins::ControllerStatus& status, std::string where);

/// The grt_scada version this plcbridge needs at least: the cancel endpoint came with 14.0.5.0.48.
inline constexpr std::string_view kMinimumGrtScada = "14.0.5.0.48";
/// "14.0.7.2.1" -> {14, 0, 7, 2, 1}; nullopt for anything else.
[[nodiscard]] std::optional<std::vector<int>> parse_module_version(std::string_view text);
[[nodiscard]] CheckLine grt_scada_verdict(const std::string& version, std::string where);

/// 0 when no line failed, else 1.
[[nodiscard]] int check_exit_code(const std::vector<CheckLine>& lines) noexcept;

}  // namespace plcbridge::app
