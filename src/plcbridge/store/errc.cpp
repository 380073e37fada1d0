#include "plcbridge/store/errc.hpp"

#include "plcbridge/core/enum_error_category.hpp"

#include <string>

namespace plcbridge::store {
namespace {

std::string_view describe(Errc e) noexcept {
    switch (e) {
        case Errc::bad_url: return "invalid database URL";
        case Errc::unavailable: return "database unavailable";
        case Errc::busy: return "database busy";
        case Errc::constraint: return "database constraint refused the change";
        case Errc::not_found: return "not found in the database";
        case Errc::conflict: return "conflicting database state";
        case Errc::schema: return "database schema problem";
        case Errc::query: return "database query failed";
        case Errc::fenced: return "this instance does not lead the line";
    }
    return {};
}

}  // namespace

const std::error_category& store_category() noexcept {
    static const EnumErrorCategory<Errc> category("store", &describe);
    return category;
}

}  // namespace plcbridge::store
