#pragma once
/// What an Odoo call ended in, as callers act on it without parsing text (docs/ODOO.md):
/// `refused` (Odoo said no for good: MO done, wrong state), `not_found`, `auth_failed` (wrong
/// password, cooldown, re-login failed), `transient` (timeout, refused connection, 5xx, proxy HTML,
/// truncated or malformed JSON: retry with backoff), `protocol` (404 route, 405, 400: a deployment or
/// client bug, never retried blindly), `unrecognised` and `server_error` (retried a bounded number of
/// times, outcome.hpp).

#include <string_view>
#include <system_error>

#include "plcbridge/core/error.hpp"

namespace plcbridge::odoo {

enum class Errc {
    refused = 1,
    not_found,
    auth_failed,
    transient,
    protocol,
    unrecognised,  ///< {"status": "error"} with a message not known to be final: may be a passing database error
    server_error,  ///< a JSON-RPC error other than session expiry (UserError, AccessError, a crash outside grt_scada)
};

const std::error_category& odoo_category() noexcept;

/// A short, bounded word for an error (a metrics label): "refused", "transient", ...; "other" for
/// an error of another category.
[[nodiscard]] std::string_view outcome_label(const Error& e) noexcept;

inline std::error_code make_error_code(Errc e) noexcept {
    return {static_cast<int>(e), odoo_category()};
}

}  // namespace plcbridge::odoo

template <>
struct std::is_error_code_enum<plcbridge::odoo::Errc> : std::true_type {};
