#include "plcbridge/odoo/outcome.hpp"

#include <array>

namespace plcbridge::odoo {
namespace {

struct FinalMessage {
    std::string_view starts;    ///< the message begins with this
    std::string_view contains;  ///< and contains this after it ("" = nothing more)
    Errc code;
};

// grt_scada's own refusals (controllers/main.py and mo_detailed_controller.py of the module; the
// table in docs/ODOO.md), each a decision of the module, never a passing fault.
constexpr std::array kFinalMessages{
    FinalMessage{"mo_id is required", "", Errc::refused},
    FinalMessage{"MO not found: ", "", Errc::not_found},
    FinalMessage{"Manufacturing Order \"", "\" not found", Errc::not_found},
    FinalMessage{"Cannot update MO \"", "\" in state \"", Errc::refused},
    FinalMessage{"Cannot cancel MO \"", "\" in state \"", Errc::refused},
    FinalMessage{"mo_id mismatch: ", "", Errc::refused},
    FinalMessage{"No finished product move found for this MO", "", Errc::refused},
    FinalMessage{"finished_qty is required", "", Errc::refused},
    FinalMessage{"finished_qty must be a number", "", Errc::refused},
    FinalMessage{"finished_qty must be > 0", "", Errc::refused},
    FinalMessage{"The quantity to produce must be positive!", "", Errc::refused},
    FinalMessage{"Finished quantity must be greater than 0", "", Errc::refused},
    FinalMessage{"Invalid finished quantity value: ", "", Errc::refused},
    FinalMessage{"Target quantity must be greater than 0", "", Errc::refused},
    FinalMessage{"Invalid target quantity value: ", "", Errc::refused},
    FinalMessage{"equipment_code is required", "", Errc::refused},
    FinalMessage{"description is required", "", Errc::refused},
    FinalMessage{"Equipment \"", "\" not found", Errc::not_found},
    FinalMessage{"Invalid date format. Use YYYY-MM-DD HH:MM:SS or YYYY-MM-DDTHH:MM", "", Errc::refused},
    FinalMessage{"Format durasi '", "' tidak valid", Errc::refused},
    FinalMessage{"Invalid bom_id", "", Errc::refused},
    FinalMessage{"login and password are required", "", Errc::refused},
    FinalMessage{"Access Denied", "", Errc::refused},
};

}  // namespace

std::optional<Errc> known_final_message(std::string_view message) noexcept {
    for (const FinalMessage& m : kFinalMessages) {
        if (!message.starts_with(m.starts)) continue;
        if (m.contains.empty() || message.substr(m.starts.size()).find(m.contains) != std::string_view::npos)
            return m.code;
    }
    return std::nullopt;
}

bool odoo_answered(const Error& error) noexcept {
    return error.code == Errc::refused || error.code == Errc::not_found || error.code == Errc::unrecognised ||
           error.code == Errc::server_error;
}

std::string odoo_text(const Error& error) {
    const bool own_words =
        error.code == Errc::refused || error.code == Errc::not_found || error.code == Errc::unrecognised;
    return own_words ? error.detail : error.message();
}

Verdict verdict_of(const Error& error, int attempts_before, const RetryPolicy& policy) noexcept {
    if (error.code == Errc::refused || error.code == Errc::not_found) return Verdict::final;
    const bool bound_reached = attempts_before >= policy.unknown_error_retries;
    if (error.code == Errc::unrecognised) return bound_reached ? Verdict::final : Verdict::retry;
    if (error.code == Errc::server_error) return bound_reached ? Verdict::needs_attention : Verdict::retry;
    return Verdict::retry;  // transport, 5xx, garbage, login trouble: Odoo will be back
}

CallReport judge_error(const Error& error, int attempts_before, const RetryPolicy& policy) {
    return {verdict_of(error, attempts_before, policy), odoo_text(error)};
}

}  // namespace plcbridge::odoo
