#include "plcbridge/odoo/errc.hpp"

#include <string>

namespace plcbridge::odoo {
namespace {

class OdooCategory final : public std::error_category {
  public:
    const char* name() const noexcept override { return "odoo"; }
    std::string message(int value) const override {
        switch (static_cast<Errc>(value)) {
            case Errc::refused: return "Odoo refused";
            case Errc::not_found: return "not found in Odoo";
            case Errc::auth_failed: return "Odoo login failed";
            case Errc::transient: return "Odoo unreachable or answered garbage (will retry)";
            case Errc::protocol: return "Odoo protocol error (endpoint or client problem)";
        }
        return "unknown odoo error " + std::to_string(value);
    }
};

}  // namespace

const std::error_category& odoo_category() noexcept {
    static const OdooCategory category;
    return category;
}

}  // namespace plcbridge::odoo
