#include "plcbridge/memory_map/errc.hpp"

#include "plcbridge/core/enum_error_category.hpp"

#include <string>

namespace plcbridge::memory_map {
namespace {

std::string_view describe(Errc e) noexcept {
    switch (e) {
        case Errc::bad_map_file: return "memory map file is not usable";
        case Errc::bad_field: return "invalid memory map row";
        case Errc::overlapping_fields: return "memory map rows overlap";
        case Errc::duplicate_key: return "memory map key defined twice";
        case Errc::missing_key: return "memory map lacks a required key";
        case Errc::layout_out_of_range: return "slot layout does not fit the PLC memory";
        case Errc::value_out_of_range: return "value out of range for its PLC field";
        case Errc::wrong_value_type: return "value of the wrong type for its PLC field";
        case Errc::unknown_equipment: return "equipment not in the memory map";
    }
    return {};
}

}  // namespace

const std::error_category& memory_map_category() noexcept {
    static const EnumErrorCategory<Errc> category("memory-map", &describe);
    return category;
}

}  // namespace plcbridge::memory_map
