#include "plcbridge/service/errc.hpp"

#include <string_view>

#include "plcbridge/core/enum_error_category.hpp"

namespace plcbridge::service {
namespace {

std::string_view describe(Errc e) noexcept {
    switch (e) {
        case Errc::unexpected_exception: return "unexpected exception";
        case Errc::too_many_waiting: return "too many runs of this task are waiting";
        case Errc::odoo_down: return "Odoo does not answer";
    }
    return {};
}

}  // namespace

const std::error_category& service_category() noexcept {
    static const EnumErrorCategory<Errc> category("service", &describe);
    return category;
}

}  // namespace plcbridge::service
