#pragma once
/// FINS end codes (MRES, SRES) with their flag bits masked off (docs/FINS.md "End codes"), a name and meaning for
/// every code, and what the middleware should do about it. A non-zero end code becomes an
/// std::error_code in end_code_category() whose value is the masked code.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <system_error>

namespace plcbridge::fins {

/// What a client does when a PLC answers with this code.
enum class EndCodeReaction {
    ok,            ///< success (possibly with a standing PLC warning)
    retry,         ///< transient: retry with backoff (0001, 0204, 0205, 2605, 3001, 4001)
    comms_fault,   ///< network/routing problem: alarm, back off, no retry storm
    config_error,  ///< our frame or address map is wrong: never retry
    plc_fault,     ///< the PLC itself is in error: alarm
    wrong_mode,    ///< the PLC mode forbids it: surface the mode to the operator
};

struct EndCodeInfo {
    std::uint16_t code;
    std::string_view name;
    std::string_view meaning;
    EndCodeReaction reaction;
};

/// The two end-code bytes as received.
struct EndCode {
    std::uint8_t main = 0;  ///< MRES
    std::uint8_t sub = 0;   ///< SRES

    /// ((MRES & 0x7F) << 8) | (SRES & 0x3F): the code without relay/fatal/non-fatal flags.
    [[nodiscard]] constexpr std::uint16_t code() const noexcept {
        return static_cast<std::uint16_t>(((main & 0x7F) << 8) | (sub & 0x3F));
    }
    [[nodiscard]] constexpr std::uint16_t raw() const noexcept { return static_cast<std::uint16_t>((main << 8) | sub); }
    /// MRES bit 7: the error happened at a relay node, not at the destination.
    [[nodiscard]] constexpr bool network_relay_error() const noexcept { return (main & 0x80) != 0; }
    /// SRES bit 7: the destination PLC has a fatal CPU error.
    [[nodiscard]] constexpr bool fatal_cpu_error() const noexcept { return (sub & 0x80) != 0; }
    /// SRES bit 6: the destination PLC has a non-fatal CPU error (battery, unit error, ...).
    [[nodiscard]] constexpr bool non_fatal_cpu_error() const noexcept { return (sub & 0x40) != 0; }
    /// Completed: the data is valid. 0x0040 (success with a standing PLC warning) counts as success.
    [[nodiscard]] constexpr bool success() const noexcept { return code() == 0; }

    static constexpr EndCode from_raw(std::uint16_t raw) noexcept {
        return EndCode{static_cast<std::uint8_t>(raw >> 8), static_cast<std::uint8_t>(raw & 0xFF)};
    }
    friend constexpr bool operator==(EndCode, EndCode) = default;
};

/// End codes by name, for code that produces them (the simulator) and tests.
namespace end_codes {
inline constexpr EndCode kNormal{0x00, 0x00};
inline constexpr EndCode kUndefinedCommand{0x04, 0x01};
inline constexpr EndCode kCommandTooLong{0x10, 0x01};
inline constexpr EndCode kCommandTooShort{0x10, 0x02};
inline constexpr EndCode kElementsDataMismatch{0x10, 0x03};
inline constexpr EndCode kNoSuchArea{0x11, 0x01};
inline constexpr EndCode kFirstAddressInaccessible{0x11, 0x03};
inline constexpr EndCode kAddressRangeExceeded{0x11, 0x04};
inline constexpr EndCode kResponseTooLong{0x11, 0x0B};
inline constexpr EndCode kParameterError{0x11, 0x0C};
inline constexpr EndCode kReadOnly{0x21, 0x01};
}  // namespace end_codes

/// The table entry for a masked code, or nullptr for a code Omron does not define.
[[nodiscard]] const EndCodeInfo* find_end_code(std::uint16_t code) noexcept;

/// Every code in the table, for tests and documentation.
[[nodiscard]] std::span<const EndCodeInfo> all_end_codes() noexcept;

/// "0x1103 address range error: first address inaccessible [fatal CPU error]" — code, name,
/// meaning, and any flag bits that were set.
[[nodiscard]] std::string describe(EndCode end_code);

/// " [network relay error] [fatal CPU error] [non-fatal CPU error]" for the flag bits that are set
/// (empty when none): what the masked code cannot carry.
[[nodiscard]] std::string describe_flags(EndCode end_code);

[[nodiscard]] EndCodeReaction reaction(EndCode end_code) noexcept;

const std::error_category& end_code_category() noexcept;

/// error_code whose value is the masked end code; message() gives the name and meaning.
[[nodiscard]] inline std::error_code to_error_code(EndCode end_code) noexcept {
    return {end_code.code(), end_code_category()};
}

}  // namespace plcbridge::fins
