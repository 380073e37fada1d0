#pragma once
/// One field: PLC words <-> typed value. Decoding is strict and never repairs: a BOOL word other
/// than 0/1, a non-printable or misplaced text byte, a non-BCD nibble, an id that is not the
/// expected one, or a value outside the plausibility range makes the field invalid with the reason,
/// and the value shown is what the PLC really holds — never a guess.

#include <cstdint>
#include <span>
#include <string>
#include <variant>

#include "plcbridge/core/decimal.hpp"
#include "plcbridge/core/result.hpp"
#include "plcbridge/memory_map/field_spec.hpp"

namespace plcbridge::memory_map {

/// bool (BOOL), Decimal (integer types and BCD, scaled), double (REAL), std::string (ASCII).
using Value = std::variant<bool, Decimal, double, std::string>;

struct FieldValue {
    Value value;
    std::string issue;  ///< empty when the value is valid
    [[nodiscard]] bool ok() const noexcept { return issue.empty(); }
};

/// `words` holds exactly spec.words words; `slot` is the 1-based slot (for Expected = slot).
[[nodiscard]] FieldValue decode_field(const FieldSpec& spec, std::span<const std::uint16_t> words, int slot);

/// Writes `value` into `out` (exactly spec.words words). Refuses values that do not fit the type,
/// text that is too long or not printable, an id other than the expected one, and values outside
/// the plausibility range. Numbers are rescaled half away from zero.
[[nodiscard]] Result<void> encode_field(const FieldSpec& spec, const Value& value, std::span<std::uint16_t> out,
                                        int slot);

/// The value as an operator reads it: "1017.33", "true", "WH/MO/00011".
[[nodiscard]] std::string to_display(const Value& value);

}  // namespace plcbridge::memory_map
