#pragma once
/// Why Task 1 cannot queue an MO (each value has a message; the detail says which MO and why).

#include <system_error>

namespace plcbridge::tasks {

enum class Errc {
    no_bom = 1,         ///< the MO has no bill of materials, or Odoo could not give it
    unit_mismatch,      ///< quantities in units that cannot be converted (e.g. Units vs kg)
    text_refused,       ///< a text the map says is never changed (the MO id) does not fit
    value_unencodable,  ///< a value the WRITE slot cannot hold (range, type, equipment)
};

const std::error_category& tasks_category() noexcept;

inline std::error_code make_error_code(Errc e) noexcept {
    return {static_cast<int>(e), tasks_category()};
}

}  // namespace plcbridge::tasks

template <>
struct std::is_error_code_enum<plcbridge::tasks::Errc> : std::true_type {};
