#pragma once
/// Hex text -> bytes, for golden vectors written as "80 00 02 ...".

#include <optional>
#include <string>
#include <string_view>

#include "plcbridge/core/byte_order.hpp"

namespace plcbridge {

/// Accepts hex digit pairs separated by any whitespace; nullopt on any other character or an odd
/// digit count.
[[nodiscard]] std::optional<Bytes> from_hex(std::string_view text);

}  // namespace plcbridge
