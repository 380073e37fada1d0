#include "plcbridge/fins/request.hpp"

#include <fmt/format.h>

#include "plcbridge/fins/errc.hpp"

namespace plcbridge::fins {
namespace {

constexpr std::size_t kAddressSize = 4;  // area code, word (2), bit
constexpr std::size_t kCommandPrefix = kHeaderSize + kCommandCodeSize;

Bytes start_frame(const Header& header, Command command, std::size_t extra) {
    Bytes out;
    out.reserve(kCommandPrefix + extra);
    append_header(out, header);
    append_be16(out, static_cast<std::uint16_t>(command));
    return out;
}

}  // namespace

void append_memory_address(Bytes& out, const MemoryAddress& address) {
    out.push_back(area_code(address.area, address.access));
    append_be16(out, address.word);
    out.push_back(address.access == Access::bit ? address.bit : std::uint8_t{0});
}

Result<MemoryAddress> load_memory_address(ByteView bytes, std::size_t at) {
    if (at + kAddressSize > bytes.size()) return make_error(Errc::truncated, "memory address needs 4 bytes");
    auto area = area_from_code(bytes[at]);
    if (!area) return make_error(Errc::unknown_area, fmt::format("area code 0x{:02X}", bytes[at]));
    MemoryAddress address{area->area, load_be16(bytes, at + 1), bytes[at + 3], area->access};
    if (address.access == Access::word && address.bit != 0) {
        return make_error(Errc::invalid_parameter, fmt::format("word access with bit {} (must be 0)", address.bit));
    }
    if (address.access == Access::bit && address.bit > 15) {
        return make_error(Errc::invalid_parameter, fmt::format("bit number {} above 15", address.bit));
    }
    return address;
}

Result<Bytes> encode_memory_area_read(const Header& header, const MemoryAddress& start, std::uint16_t count) {
    const std::size_t limit = start.access == Access::word ? kMaxReadWords : kMaxFrameSize - kHeaderSize - 4;
    if (count > limit) {
        return make_error(Errc::too_long,
                          fmt::format("read of {} elements at {} (limit {})", count, format_address(start), limit));
    }
    Bytes out = start_frame(header, Command::memory_area_read, kAddressSize + 2);
    append_memory_address(out, start);
    append_be16(out, count);
    return out;
}

Result<Bytes> encode_memory_area_write(const Header& header, const MemoryAddress& start,
                                       std::span<const std::uint16_t> values) {
    const std::size_t element = element_size(start.access);
    const std::size_t limit =
        start.access == Access::word ? kMaxWriteWords : kMaxFrameSize - kCommandPrefix - kAddressSize - 2;
    if (values.empty()) {
        return make_error(Errc::invalid_parameter, fmt::format("write of nothing at {}", format_address(start)));
    }
    if (values.size() > limit) {
        return make_error(Errc::too_long, fmt::format("write of {} elements at {} (limit {})", values.size(),
                                                      format_address(start), limit));
    }
    Bytes out = start_frame(header, Command::memory_area_write, kAddressSize + 2 + values.size() * element);
    append_memory_address(out, start);
    append_be16(out, static_cast<std::uint16_t>(values.size()));
    for (std::uint16_t v : values) {
        if (start.access == Access::word) {
            append_be16(out, v);
        } else if (v <= 1) {
            out.push_back(static_cast<std::uint8_t>(v));
        } else {
            return make_error(Errc::invalid_parameter, fmt::format("bit write at {} with value {} (bits take 0 or 1)",
                                                                   format_address(start), v));
        }
    }
    return out;
}

Result<Bytes> encode_multiple_memory_area_read(const Header& header, std::span<const MemoryAddress> items) {
    if (items.empty()) return make_error(Errc::invalid_parameter, "multiple read of no items");
    if (items.size() > kMaxMultipleReadItems) {
        return make_error(Errc::too_long,
                          fmt::format("multiple read of {} items (limit {})", items.size(), kMaxMultipleReadItems));
    }
    Bytes out = start_frame(header, Command::multiple_memory_area_read, items.size() * kAddressSize);
    for (const auto& item : items)
        append_memory_address(out, item);
    return out;
}

Bytes encode_controller_data_read(const Header& header, std::optional<std::uint8_t> part) {
    Bytes out = start_frame(header, Command::controller_data_read, 1);
    if (part) out.push_back(*part);
    return out;
}

Bytes encode_controller_status_read(const Header& header) {
    return start_frame(header, Command::controller_status_read, 0);
}

Bytes encode_clock_read(const Header& header) {
    return start_frame(header, Command::clock_read, 0);
}

Result<CommandView> decode_command(ByteView frame) {
    if (frame.size() < kCommandPrefix) {
        return make_error(Errc::truncated,
                          fmt::format("command frame of {} bytes (minimum {})", frame.size(), kCommandPrefix));
    }
    if (frame.size() > kMaxFrameSize) {
        return make_error(Errc::too_long,
                          fmt::format("command frame of {} bytes (maximum {})", frame.size(), kMaxFrameSize));
    }
    Header header = load_header(frame);
    if (header.is_response()) return make_error(Errc::not_a_command, fmt::format("ICF 0x{:02X}", header.icf));
    return CommandView{header, load_be16(frame, kHeaderSize), frame.subspan(kCommandPrefix)};
}

Result<MemoryAreaReadParams> decode_memory_area_read(ByteView parameters) {
    if (parameters.size() != kAddressSize + 2) {
        return make_error(parameters.size() < kAddressSize + 2 ? Errc::truncated : Errc::too_long,
                          fmt::format("memory area read parameters of {} bytes (expected 6)", parameters.size()));
    }
    auto start = load_memory_address(parameters, 0);
    if (!start) return std::move(start).error();
    return MemoryAreaReadParams{*start, load_be16(parameters, kAddressSize)};
}

Result<MemoryAreaWriteParams> decode_memory_area_write(ByteView parameters) {
    if (parameters.size() < kAddressSize + 2) {
        return make_error(Errc::truncated,
                          fmt::format("memory area write parameters of {} bytes (minimum 6)", parameters.size()));
    }
    auto start = load_memory_address(parameters, 0);
    if (!start) return std::move(start).error();
    std::uint16_t count = load_be16(parameters, kAddressSize);
    ByteView data = parameters.subspan(kAddressSize + 2);
    if (data.size() != count * element_size(start->access)) {
        return make_error(Errc::data_size_mismatch,
                          fmt::format("{} elements announced, {} data bytes sent", count, data.size()));
    }
    return MemoryAreaWriteParams{*start, count, data};
}

Result<std::vector<MemoryAddress>> decode_multiple_memory_area_read(ByteView parameters) {
    if (parameters.empty() || parameters.size() % kAddressSize != 0) {
        return make_error(
            Errc::data_size_mismatch,
            fmt::format("multiple read parameters of {} bytes (a multiple of 4 expected)", parameters.size()));
    }
    const std::size_t n = parameters.size() / kAddressSize;
    if (n > kMaxMultipleReadItems) {
        return make_error(Errc::too_long,
                          fmt::format("multiple read of {} items (limit {})", n, kMaxMultipleReadItems));
    }
    std::vector<MemoryAddress> items;
    items.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        auto item = load_memory_address(parameters, i * kAddressSize);
        if (!item) return std::move(item).error();
        items.push_back(*item);
    }
    return items;
}

}  // namespace plcbridge::fins
