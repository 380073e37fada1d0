#pragma once
/// Hex digits and hex text -> bytes (golden vectors written as "80 00 02 ...", %-escapes).

#include <optional>
#include <string>
#include <string_view>

#include "plcbridge/core/byte_order.hpp"

namespace plcbridge {

/// The value of one hex digit (either case), or -1 for any other character.
[[nodiscard]] constexpr int hex_digit_value(char c) noexcept {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/// Accepts hex digit pairs separated by any whitespace; nullopt on any other character or an odd
/// digit count.
[[nodiscard]] std::optional<Bytes> from_hex(std::string_view text);

}  // namespace plcbridge
