#pragma once
/// Odoo's texts (UTF-8, any length) as a PLC ASCII field holds them. The plant's PLC today holds
/// the first characters of Odoo's name (`[10092] JF SAPOT` for `[10092] JF SAPOT 1B`, trailing
/// space included), so a text that is too long is cut to the field; characters outside printable
/// ASCII are transliterated where the meaning is obvious (en dash -> '-', 'É' -> 'E') and replaced
/// by '?' otherwise. A field whose policy is `refuse` (the MO id: it is the key that matches a slot
/// to its batch) is never changed: a text that would need changing is an error. Pure.

#include <cstddef>
#include <string>
#include <string_view>

#include "plcbridge/core/result.hpp"
#include "plcbridge/memory_map/field_spec.hpp"

namespace plcbridge::memory_map {

/// Printable ASCII for `utf8`: obvious transliterations, '?' for the rest (and for each byte that
/// is not valid UTF-8). Never longer than needed; may be longer than the input for ligatures (Æ -> AE).
[[nodiscard]] std::string to_printable_ascii(std::string_view utf8);

struct FittedText {
    std::string plc;              ///< what the PLC field gets
    bool shortened = false;       ///< cut to the field's length
    bool transliterated = false;  ///< a character was replaced
    [[nodiscard]] bool changed() const noexcept { return shortened || transliterated; }
};

/// `text` for an ASCII field of `capacity` characters under `policy`. Errc::value_out_of_range (with
/// what, the text and what to do) when the policy is refuse and the text would have to change.
[[nodiscard]] Result<FittedText> fit_text(std::string_view key, std::string_view text, std::size_t capacity,
                                          TextOverflow policy);

}  // namespace plcbridge::memory_map
