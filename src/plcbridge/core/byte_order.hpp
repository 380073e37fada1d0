#pragma once
/// Big-endian field access over byte spans. FINS puts every multi-byte field big-endian on the
/// wire (docs/FINS.md "Frame and header"). Readers never read past the span: callers check sizes first, and a debug
/// build asserts it.

#include <cassert>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace plcbridge {

using Bytes = std::vector<std::uint8_t>;
using ByteView = std::span<const std::uint8_t>;

[[nodiscard]] inline std::uint16_t load_be16(ByteView bytes, std::size_t at) noexcept {
    assert(at + 2 <= bytes.size());
    return static_cast<std::uint16_t>((bytes[at] << 8) | bytes[at + 1]);
}

[[nodiscard]] inline std::uint32_t load_be32(ByteView bytes, std::size_t at) noexcept {
    assert(at + 4 <= bytes.size());
    return (std::uint32_t{bytes[at]} << 24) | (std::uint32_t{bytes[at + 1]} << 16) |
           (std::uint32_t{bytes[at + 2]} << 8) | std::uint32_t{bytes[at + 3]};
}

inline void append_be16(Bytes& out, std::uint16_t value) {
    out.push_back(static_cast<std::uint8_t>(value >> 8));
    out.push_back(static_cast<std::uint8_t>(value & 0xFF));
}

inline void append_be32(Bytes& out, std::uint32_t value) {
    out.push_back(static_cast<std::uint8_t>(value >> 24));
    out.push_back(static_cast<std::uint8_t>((value >> 16) & 0xFF));
    out.push_back(static_cast<std::uint8_t>((value >> 8) & 0xFF));
    out.push_back(static_cast<std::uint8_t>(value & 0xFF));
}

inline void store_be32(std::span<std::uint8_t> bytes, std::size_t at, std::uint32_t value) noexcept {
    assert(at + 4 <= bytes.size());
    bytes[at] = static_cast<std::uint8_t>(value >> 24);
    bytes[at + 1] = static_cast<std::uint8_t>((value >> 16) & 0xFF);
    bytes[at + 2] = static_cast<std::uint8_t>((value >> 8) & 0xFF);
    bytes[at + 3] = static_cast<std::uint8_t>(value & 0xFF);
}

}  // namespace plcbridge
