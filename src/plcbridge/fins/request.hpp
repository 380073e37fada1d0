#pragma once
/// Command frames: encoders for the client, decoders for the simulator. Pure functions over bytes;
/// the caller supplies the header (and so the SID).

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "plcbridge/core/result.hpp"
#include "plcbridge/fins/address.hpp"
#include "plcbridge/fins/header.hpp"

namespace plcbridge::fins {

/// 0101: `count` elements from `start` (0..999 words; bit reads up to the frame limit).
[[nodiscard]] Result<Bytes> encode_memory_area_read(const Header& header, const MemoryAddress& start,
                                                    std::uint16_t count);
/// 0102: absolute values from `start`; word access writes 2 bytes per value, bit access 1 byte
/// (each value must be 0 or 1). 1..996 words.
[[nodiscard]] Result<Bytes> encode_memory_area_write(const Header& header, const MemoryAddress& start,
                                                     std::span<const std::uint16_t> values);
/// 0104: 1..167 items, word or bit, each read as one element.
[[nodiscard]] Result<Bytes> encode_multiple_memory_area_read(const Header& header,
                                                             std::span<const MemoryAddress> items);
/// 0501: no parameter = everything; 0x00 = model..area data; 0x01 = CPU bus unit part.
[[nodiscard]] Bytes encode_controller_data_read(const Header& header, std::optional<std::uint8_t> part);
/// 0601.
[[nodiscard]] Bytes encode_controller_status_read(const Header& header);
/// 0701.
[[nodiscard]] Bytes encode_clock_read(const Header& header);

/// A command frame split into its parts; `parameters` views the bytes after MRC SRC.
struct CommandView {
    Header header;
    std::uint16_t command = 0;
    ByteView parameters;
};
[[nodiscard]] Result<CommandView> decode_command(ByteView frame);

struct MemoryAreaReadParams {
    MemoryAddress start;
    std::uint16_t count = 0;
};
[[nodiscard]] Result<MemoryAreaReadParams> decode_memory_area_read(ByteView parameters);

struct MemoryAreaWriteParams {
    MemoryAddress start;
    std::uint16_t count = 0;
    ByteView data;  ///< count * element size bytes
};
[[nodiscard]] Result<MemoryAreaWriteParams> decode_memory_area_write(ByteView parameters);

[[nodiscard]] Result<std::vector<MemoryAddress>> decode_multiple_memory_area_read(ByteView parameters);

/// Area code, address word, bit — the 4-byte "I/O memory address" every memory command starts with.
void append_memory_address(Bytes& out, const MemoryAddress& address);
[[nodiscard]] Result<MemoryAddress> load_memory_address(ByteView bytes, std::size_t at);

}  // namespace plcbridge::fins
