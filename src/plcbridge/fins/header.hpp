#pragma once
/// The 10-byte FINS header, command codes and the protocol's size limits (docs/FINS.md "Frame and header", "Commands",
/// "Limits").

#include <cstdint>
#include <string_view>

#include "plcbridge/core/byte_order.hpp"

namespace plcbridge::fins {

inline constexpr std::size_t kHeaderSize = 10;
inline constexpr std::size_t kCommandCodeSize = 2;
inline constexpr std::size_t kEndCodeSize = 2;
/// Largest command or response frame a CJ2M accepts or sends over Ethernet.
inline constexpr std::size_t kMaxFrameSize = 2012;
/// Words per 0101 MEMORY AREA READ.
inline constexpr std::uint16_t kMaxReadWords = 999;
/// Words per 0102 MEMORY AREA WRITE.
inline constexpr std::uint16_t kMaxWriteWords = 996;
/// Items per 0104 MULTIPLE MEMORY AREA READ over Ethernet.
inline constexpr std::size_t kMaxMultipleReadItems = 167;

inline constexpr std::uint8_t kIcfCommand = 0x80;   ///< gateway bit, command, response required
inline constexpr std::uint8_t kIcfResponse = 0xC0;  ///< gateway bit, response
inline constexpr std::uint8_t kIcfResponseBit = 0x40;
inline constexpr std::uint8_t kIcfNoResponseBit = 0x01;

/// FINS "network, node, unit" triple.
struct NodeAddress {
    std::uint8_t network = 0;
    std::uint8_t node = 0;
    std::uint8_t unit = 0;
    friend constexpr bool operator==(const NodeAddress&, const NodeAddress&) = default;
};

struct Header {
    std::uint8_t icf = kIcfCommand;
    std::uint8_t rsv = 0;
    std::uint8_t gct = 0x02;
    std::uint8_t dna = 0;
    std::uint8_t da1 = 0;
    std::uint8_t da2 = 0;
    std::uint8_t sna = 0;
    std::uint8_t sa1 = 0;
    std::uint8_t sa2 = 0;
    std::uint8_t sid = 0;

    [[nodiscard]] constexpr bool is_response() const noexcept { return (icf & kIcfResponseBit) != 0; }
    [[nodiscard]] constexpr bool response_required() const noexcept { return (icf & kIcfNoResponseBit) == 0; }
    [[nodiscard]] constexpr NodeAddress destination() const noexcept { return {dna, da1, da2}; }
    [[nodiscard]] constexpr NodeAddress source() const noexcept { return {sna, sa1, sa2}; }
    friend constexpr bool operator==(const Header&, const Header&) = default;
};

/// The commands plcbridge uses (MRC << 8 | SRC).
enum class Command : std::uint16_t {
    memory_area_read = 0x0101,
    memory_area_write = 0x0102,
    multiple_memory_area_read = 0x0104,
    controller_data_read = 0x0501,
    controller_status_read = 0x0601,
    clock_read = 0x0701,
};

/// "MEMORY AREA READ" etc.; "command 0xNNNN" text for codes we do not use.
[[nodiscard]] std::string_view command_name(std::uint16_t command) noexcept;

/// A command header from `source` (us) to `destination` (the PLC) with the caller's SID.
[[nodiscard]] Header make_command_header(NodeAddress destination, NodeAddress source, std::uint8_t sid) noexcept;

/// The header of the response to `request`: response ICF, addresses swapped, same SID.
[[nodiscard]] Header make_response_header(const Header& request) noexcept;

void append_header(Bytes& out, const Header& header);
/// Caller guarantees bytes.size() >= kHeaderSize.
[[nodiscard]] Header load_header(ByteView bytes) noexcept;

}  // namespace plcbridge::fins
