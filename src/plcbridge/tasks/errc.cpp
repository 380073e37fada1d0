#include "plcbridge/tasks/errc.hpp"

#include <string>

#include "plcbridge/core/enum_error_category.hpp"

namespace plcbridge::tasks {
namespace {

std::string_view describe(Errc e) noexcept {
    switch (e) {
        case Errc::no_bom: return "the MO's bill of materials cannot be read";
        case Errc::unit_mismatch: return "the MO's units cannot be converted";
        case Errc::text_refused: return "a text does not fit its PLC field";
        case Errc::value_unencodable: return "a value does not fit the PLC WRITE slot";
    }
    return {};
}

}  // namespace

const std::error_category& tasks_category() noexcept {
    static const EnumErrorCategory<Errc> category("task-1", &describe);
    return category;
}

}  // namespace plcbridge::tasks
