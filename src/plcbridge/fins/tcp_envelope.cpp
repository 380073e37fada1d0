#include "plcbridge/fins/tcp_envelope.hpp"

#include <algorithm>
#include <cstring>

#include <fmt/format.h>

#include "plcbridge/fins/errc.hpp"

namespace plcbridge::fins {
namespace {

constexpr std::uint8_t kMagic[4] = {'F', 'I', 'N', 'S'};
constexpr std::uint32_t kMagicWord = 0x46494E53;  // "FINS" read big-endian

template <std::size_t N>
void store_envelope(std::array<std::uint8_t, N>& out, TcpCommand command, TcpError error) {
    std::memcpy(out.data(), kMagic, 4);
    store_be32(out, 4, static_cast<std::uint32_t>(N - 8));
    store_be32(out, 8, static_cast<std::uint32_t>(command));
    store_be32(out, 12, static_cast<std::uint32_t>(error));
}

}  // namespace

std::string_view describe(TcpError error) noexcept {
    switch (error) {
        case TcpError::normal: return "normal";
        case TcpError::bad_magic: return "header is not \"FINS\"";
        case TcpError::length_too_long: return "data length too long";
        case TcpError::command_not_supported: return "command not supported";
        case TcpError::all_connections_in_use: return "all connections are in use";
        case TcpError::node_already_connected: return "the client node is already connected";
        case TcpError::node_not_allowed: return "protected node: this IP address is not allowed";
        case TcpError::client_node_out_of_range: return "client node out of range";
        case TcpError::same_node_as_server: return "client and server use the same node";
        case TcpError::no_node_available: return "no node addresses left to allocate";
    }
    return "unknown FINS/TCP error";
}

std::array<std::uint8_t, 20> encode_node_address_request(std::uint32_t client_node) {
    std::array<std::uint8_t, 20> out{};
    store_envelope(out, TcpCommand::node_address_request, TcpError::normal);
    store_be32(out, 16, client_node);
    return out;
}

std::array<std::uint8_t, 24> encode_node_address_response(std::uint32_t client_node, std::uint32_t server_node,
                                                          TcpError error) {
    std::array<std::uint8_t, 24> out{};
    store_envelope(out, TcpCommand::node_address_response, error);
    store_be32(out, 16, client_node);
    store_be32(out, 20, server_node);
    return out;
}

Bytes encode_tcp_message(TcpCommand command, TcpError error, ByteView payload) {
    Bytes out;
    out.reserve(kTcpHeaderSize + payload.size());
    append_be32(out, kMagicWord);
    append_be32(out, static_cast<std::uint32_t>(8 + payload.size()));
    append_be32(out, static_cast<std::uint32_t>(command));
    append_be32(out, static_cast<std::uint32_t>(error));
    out.insert(out.end(), payload.begin(), payload.end());
    return out;
}

Result<NodeAssignment> decode_node_address_response(const TcpMessage& message) {
    if (message.command != static_cast<std::uint32_t>(TcpCommand::node_address_response)) {
        return make_error(Errc::unexpected_tcp_command,
                          fmt::format("command {} where the node address response (1) was expected", message.command));
    }
    if (message.error != 0) {
        return make_error(Errc::tcp_error_reported,
                          fmt::format("node address handshake refused: error 0x{:02X} {}", message.error,
                                      describe(static_cast<TcpError>(message.error))));
    }
    if (message.payload.size() != 8) {
        return make_error(
            message.payload.size() < 8 ? Errc::truncated : Errc::too_long,
            fmt::format("node address response payload of {} bytes (expected 8)", message.payload.size()));
    }
    return NodeAssignment{load_be32(message.payload, 0), load_be32(message.payload, 4)};
}

std::span<std::uint8_t> TcpStreamAssembler::prepare() noexcept {
    compact();
    return std::span<std::uint8_t>(buffer_).subspan(end_);
}

void TcpStreamAssembler::commit(std::size_t n) noexcept {
    end_ = std::min(end_ + n, buffer_.size());
}

Result<void> TcpStreamAssembler::append(ByteView bytes) {
    compact();
    const std::size_t free = buffer_.size() - end_;
    if (bytes.size() > free) {
        return make_error(Errc::too_long, fmt::format("{} bytes do not fit the {} free bytes of the stream buffer",
                                                      bytes.size(), free));
    }
    if (!bytes.empty()) std::memcpy(buffer_.data() + end_, bytes.data(), bytes.size());
    end_ += bytes.size();
    return {};
}

Result<std::optional<TcpMessage>> TcpStreamAssembler::next() {
    const std::size_t available = end_ - begin_;
    if (available < 8) return std::optional<TcpMessage>{};
    ByteView view(buffer_.data() + begin_, available);
    if (std::memcmp(view.data(), kMagic, 4) != 0) {
        return make_error(Errc::bad_tcp_magic,
                          fmt::format("stream bytes {:02X} {:02X} {:02X} {:02X}", view[0], view[1], view[2], view[3]));
    }
    const std::uint32_t length = load_be32(view, 4);
    if (length < kTcpMinLength || length > kTcpMaxLength) {
        return make_error(Errc::bad_tcp_length,
                          fmt::format("length field {} (allowed {}..{})", length, kTcpMinLength, kTcpMaxLength));
    }
    if (available < 8 + length) return std::optional<TcpMessage>{};
    TcpMessage message{load_be32(view, 8), load_be32(view, 12), view.subspan(kTcpHeaderSize, length - 8)};
    begin_ += 8 + length;
    return std::optional<TcpMessage>{message};
}

void TcpStreamAssembler::compact() noexcept {
    if (begin_ == 0) return;
    std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
}

}  // namespace plcbridge::fins
