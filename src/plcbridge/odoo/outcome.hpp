#pragma once
/// One classification of Odoo's failures for every caller. grt_scada catches every exception and
/// answers {"status": "error", "message": str(e)}, so a passing database error in Odoo (a
/// serialization failure, a deadlock, a lost connection) looks exactly like a business refusal.
/// Only the module's own messages (known_final_message) are final at once; any other error text is
/// retried with backoff a bounded number of times before it counts as a refusal, and a JSON-RPC
/// error other than session expiry (Odoo's UserError, AccessError) before it needs the operator.
/// Transport trouble (timeouts, 5xx, garbage) is retried without bound, as before. Pure.

#include <optional>
#include <string>
#include <string_view>

#include "plcbridge/core/call_verdict.hpp"
#include "plcbridge/core/error.hpp"
#include "plcbridge/core/result.hpp"
#include "plcbridge/odoo/errc.hpp"

namespace plcbridge::odoo {

/// refused or not_found for a message grt_scada sends when it means no for good (the table is in
/// outcome.cpp, from the module's controllers); nullopt for any other text.
[[nodiscard]] std::optional<Errc> known_final_message(std::string_view message) noexcept;

/// retry, final (Odoo said no for good: the operator decides) or needs_attention (Odoo keeps
/// failing in a way only a person can sort out); ok is never the verdict on an error.
using Verdict = CallVerdict;

struct RetryPolicy {
    int unknown_error_retries = 5;  ///< [odoo] unknown_error_retries
};

/// Odoo itself answered (with a refusal or an error of its own): it is up, whatever it said.
[[nodiscard]] bool odoo_answered(const Error& error) noexcept;
/// The text for the operator: Odoo's own words when it answered, the whole reason otherwise.
[[nodiscard]] std::string odoo_text(const Error& error);

/// What a job does after a failed call, having made `attempts_before` attempts before this one.
[[nodiscard]] Verdict verdict_of(const Error& error, int attempts_before, const RetryPolicy& policy) noexcept;

/// The verdict and the operator's text of a failed call: what every job kind acts on.
[[nodiscard]] CallReport judge_error(const Error& error, int attempts_before, const RetryPolicy& policy);

/// Any Odoo call's result, judged: ok, or judge_error of its error.
template <class T>
[[nodiscard]] CallReport judge(const Result<T>& result, int attempts_before, const RetryPolicy& policy) {
    if (result) return {};
    return judge_error(result.error(), attempts_before, policy);
}

}  // namespace plcbridge::odoo
