#pragma once
/// One row of a memory map: a named value at a word offset inside a slot, with its PLC data type,
/// scale, word order and the checks that make a decoded value trustworthy.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace plcbridge::memory_map {

enum class DataType : std::uint8_t {
    boolean,  ///< BOOL: one word, 0 or 1 (anything else is invalid, never "true")
    int16,    ///< INT
    uint16,   ///< UINT
    int32,    ///< DINT: two words
    uint32,   ///< UDINT: two words
    real32,   ///< REAL: IEEE 754 single, two words
    ascii,    ///< ASCII: n words, 2 characters per word
    bcd,      ///< BCD: one word, four decimal digits
};

/// For 32-bit types: which word holds the high half. For ASCII: which byte holds the first
/// character of each word.
enum class WordOrder : std::uint8_t {
    high_first,  ///< "HL": high word at the lower address / first character in the high byte
    low_first,   ///< "LH": Omron's native 32-bit order / byte-swapped text
};

[[nodiscard]] std::string_view type_name(DataType type) noexcept;
/// "BOOL"/"BOOLEAN", "INT", "UINT", "DINT", "UDINT", "REAL", "ASCII", "BCD" (any case).
[[nodiscard]] std::optional<DataType> parse_type(std::string_view text) noexcept;
/// Words a value of this type occupies (ASCII: nullopt, any count >= 1).
[[nodiscard]] std::optional<std::uint16_t> fixed_words(DataType type) noexcept;
[[nodiscard]] constexpr bool is_integer(DataType t) noexcept {
    return t == DataType::int16 || t == DataType::uint16 || t == DataType::int32 || t == DataType::uint32 ||
           t == DataType::bcd;
}

/// What Task 1 does with an Odoo text longer than an ASCII field (or not printable ASCII): write its
/// first characters (the plant's practice) or refuse the MO. Map column `Overflow`.
enum class TextOverflow : std::uint8_t { truncate, refuse };

/// The default when the map does not say: the MO id is refused (it matches a slot to its batch and
/// is never shortened), every other text is truncated.
[[nodiscard]] TextOverflow default_overflow(std::string_view key) noexcept;

struct FieldSpec {
    std::string key;            ///< Informasi: the vocabulary key, e.g. "status_operation", "silo101_id"
    std::string description;    ///< Keterangan
    std::uint16_t address = 0;  ///< first word in slot 1 (DM)
    std::uint16_t words = 1;
    DataType type = DataType::int16;
    std::uint32_t scale = 1;  ///< engineering value = raw / scale
    WordOrder order = WordOrder::high_first;
    std::optional<std::int64_t> expected;  ///< the raw value the PLC must hold (equipment ids)
    bool expected_is_slot = false;         ///< the raw value must equal the slot number (batch_no)
    std::optional<double> min;             ///< plausibility range of the engineering value
    std::optional<double> max;
    TextOverflow overflow = TextOverflow::truncate;  ///< ASCII fields only
    bool key_field = false;                          ///< an invalid value here makes the whole slot invalid
    int source_line = 0;                             ///< line in the map file, for messages

    [[nodiscard]] std::uint16_t end() const noexcept { return static_cast<std::uint16_t>(address + words); }
};

/// Keys whose invalidity invalidates the slot: identity, statuses, and equipment ids (an id that
/// is not the expected one means the read is shifted or garbled).
[[nodiscard]] bool is_key_field(std::string_view key) noexcept;

}  // namespace plcbridge::memory_map
