#pragma once
/// PLC memory addresses: area, word, bit, and whether the access is by word or by bit.
/// Text form as Omron tools write it: "D6000", "CIO10", "W5", "H3", "A100", and bit access with
/// a dot: "D100.05", "CIO10.3" (docs/FINS.md "Commands", "Areas").

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "plcbridge/core/result.hpp"

namespace plcbridge::fins {

enum class Area : std::uint8_t { cio, work, holding, auxiliary, dm };
enum class Access : std::uint8_t { word, bit };

struct MemoryAddress {
    Area area = Area::dm;
    std::uint16_t word = 0;
    std::uint8_t bit = 0;  ///< 0..15 for bit access; always 0 for word access
    Access access = Access::word;

    friend constexpr bool operator==(const MemoryAddress&, const MemoryAddress&) = default;
};

/// The FINS memory area code (CS/CJ mode): DM word 0x82, bit 0x02; CIO 0xB0/0x30; W 0xB1/0x31;
/// H 0xB2/0x32; A 0xB3/0x33.
[[nodiscard]] std::uint8_t area_code(Area area, Access access) noexcept;

struct AreaAccess {
    Area area;
    Access access;
};
/// The inverse of area_code; nullopt for codes we do not support (EM, timers, ...).
[[nodiscard]] std::optional<AreaAccess> area_from_code(std::uint8_t code) noexcept;

/// Bytes per element on the wire: 2 for word access, 1 for bit access.
[[nodiscard]] constexpr std::size_t element_size(Access access) noexcept {
    return access == Access::word ? 2 : 1;
}

/// "D", "CIO", "W", "H", "A".
[[nodiscard]] std::string_view area_prefix(Area area) noexcept;

[[nodiscard]] Result<MemoryAddress> parse_address(std::string_view text);
[[nodiscard]] std::string format_address(const MemoryAddress& address);

/// The address `offset` elements further on (words for word access, bits for bit access).
/// nullopt when that leaves the 16-bit word range.
[[nodiscard]] std::optional<MemoryAddress> advance(const MemoryAddress& address, std::uint32_t offset) noexcept;

}  // namespace plcbridge::fins
