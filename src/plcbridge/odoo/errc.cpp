#include "plcbridge/odoo/errc.hpp"

#include "plcbridge/core/enum_error_category.hpp"

#include <string>

namespace plcbridge::odoo {
namespace {

std::string_view describe(Errc e) noexcept {
    switch (e) {
        case Errc::refused: return "Odoo refused";
        case Errc::not_found: return "not found in Odoo";
        case Errc::auth_failed: return "Odoo login failed";
        case Errc::transient: return "Odoo unreachable or answered garbage (will retry)";
        case Errc::protocol: return "Odoo protocol error (endpoint or client problem)";
        case Errc::unrecognised: return "Odoo answered an error not known to be final (retried a few times)";
        case Errc::server_error: return "Odoo server error (retried a few times)";
    }
    return {};
}

}  // namespace

const std::error_category& odoo_category() noexcept {
    static const EnumErrorCategory<Errc> category("odoo", &describe);
    return category;
}

std::string_view outcome_label(const Error& e) noexcept {
    if (e.code.category() != odoo_category()) return "other";
    switch (static_cast<Errc>(e.code.value())) {
        case Errc::refused: return "refused";
        case Errc::not_found: return "not_found";
        case Errc::auth_failed: return "auth_failed";
        case Errc::transient: return "transient";
        case Errc::protocol: return "protocol";
        case Errc::unrecognised: return "unrecognised";
        case Errc::server_error: return "server_error";
    }
    return "other";
}

}  // namespace plcbridge::odoo
