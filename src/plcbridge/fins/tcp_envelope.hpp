#pragma once
/// FINS/TCP: the 16-byte envelope (magic "FINS", length, command, error code), the node-address
/// handshake, and a bounded stream assembler that cuts a byte stream into messages whatever the
/// segmentation (docs/FINS.md "FINS/TCP").

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include "plcbridge/core/result.hpp"
#include "plcbridge/fins/header.hpp"

namespace plcbridge::fins {

inline constexpr std::size_t kTcpHeaderSize = 16;
/// The length field counts command + error code + payload.
inline constexpr std::uint32_t kTcpMinLength = 8;
inline constexpr std::uint32_t kTcpMaxLength = 8 + kMaxFrameSize;
inline constexpr std::size_t kTcpMaxMessageSize = 8 + kTcpMaxLength;

enum class TcpCommand : std::uint32_t {
    node_address_request = 0,   ///< client -> server
    node_address_response = 1,  ///< server -> client
    frame = 2,                  ///< a FINS frame in either direction
    frame_error = 3,            ///< error notification; the sender closes the connection
    connection_confirmation = 6,
};

/// FINS/TCP error codes (the envelope's error field).
enum class TcpError : std::uint32_t {
    normal = 0,
    bad_magic = 1,
    length_too_long = 2,
    command_not_supported = 3,
    all_connections_in_use = 0x20,
    node_already_connected = 0x21,
    node_not_allowed = 0x22,
    client_node_out_of_range = 0x23,
    same_node_as_server = 0x24,
    no_node_available = 0x25,
};
[[nodiscard]] std::string_view describe(TcpError error) noexcept;

/// One message cut out of the stream; `payload` views the assembler's buffer until the next call.
struct TcpMessage {
    std::uint32_t command = 0;
    std::uint32_t error = 0;
    ByteView payload;
};

/// client -> server: 20 bytes, client node 0 = "assign one for me".
[[nodiscard]] std::array<std::uint8_t, 20> encode_node_address_request(std::uint32_t client_node);
/// server -> client: 24 bytes with the client's node and the server's node.
[[nodiscard]] std::array<std::uint8_t, 24> encode_node_address_response(std::uint32_t client_node,
                                                                        std::uint32_t server_node,
                                                                        TcpError error = TcpError::normal);
/// Any envelope with an arbitrary payload.
[[nodiscard]] Bytes encode_tcp_message(TcpCommand command, TcpError error, ByteView payload);
/// A FINS frame wrapped as command 2.
[[nodiscard]] inline Bytes encode_tcp_frame(ByteView fins_frame) {
    return encode_tcp_message(TcpCommand::frame, TcpError::normal, fins_frame);
}

struct NodeAssignment {
    std::uint32_t client_node = 0;
    std::uint32_t server_node = 0;
};
/// Payload of a node_address_response message.
[[nodiscard]] Result<NodeAssignment> decode_node_address_response(const TcpMessage& message);

/// Cuts a FINS/TCP byte stream into messages. Holds at most one maximum-size message plus one
/// read's worth of bytes; a length field outside 8..2020 or a bad magic is an error after which
/// the connection must be closed (resynchronising a stream is guesswork).
class TcpStreamAssembler {
  public:
    static constexpr std::size_t kCapacity = 2 * kTcpMaxMessageSize;

    /// Free space to read into (never empty unless an error is pending).
    [[nodiscard]] std::span<std::uint8_t> prepare() noexcept;
    /// `n` bytes were written into the span prepare() returned.
    void commit(std::size_t n) noexcept;
    /// Copies `bytes` in (tests, simulators); fails if they do not fit.
    [[nodiscard]] Result<void> append(ByteView bytes);
    /// The next complete message, nullopt if more bytes are needed, or an error for a corrupt stream.
    [[nodiscard]] Result<std::optional<TcpMessage>> next();
    [[nodiscard]] std::size_t buffered() const noexcept { return end_ - begin_; }
    void clear() noexcept { begin_ = end_ = 0; }

  private:
    void compact() noexcept;

    std::array<std::uint8_t, kCapacity> buffer_{};
    std::size_t begin_ = 0;  ///< first unconsumed byte
    std::size_t end_ = 0;    ///< one past the last received byte
};

}  // namespace plcbridge::fins
