#pragma once
/// Why a memory map, a field value or a slot cannot be used. Each value has a message (tested).

#include <system_error>

namespace plcbridge::memory_map {

enum class Errc {
    bad_map_file = 1,     ///< a CSV/JSON map that cannot be read as a map (columns, syntax)
    bad_field,            ///< a map row that is wrong in itself (type, address, scale, word count)
    overlapping_fields,   ///< two map rows claim the same PLC word
    duplicate_key,        ///< two map rows with the same Informasi key
    missing_key,          ///< a key the task needs is not in the map
    layout_out_of_range,  ///< slots x stride runs past the end of the memory area, or slots overlap
    value_out_of_range,   ///< a value does not fit the field's type, scale or plausibility range
    wrong_value_type,     ///< e.g. text for a numeric field
    unknown_equipment,    ///< a recipe names equipment the map does not have
};

const std::error_category& memory_map_category() noexcept;

inline std::error_code make_error_code(Errc e) noexcept {
    return {static_cast<int>(e), memory_map_category()};
}

}  // namespace plcbridge::memory_map

template <>
struct std::is_error_code_enum<plcbridge::memory_map::Errc> : std::true_type {};
