#pragma once
/// How to reach the PLC: the [plc] config section (docs/CONTRACT.md "Configuration") plus the tuning knobs
/// whose defaults come from docs/FINS.md "Limits" and "Pitfalls" (999/996 words, 2 s timeout).

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "plcbridge/fins/header.hpp"

namespace plcbridge::plc {

enum class TransportKind { udp, tcp };

[[nodiscard]] constexpr std::string_view transport_name(TransportKind kind) noexcept {
    return kind == TransportKind::udp ? "udp" : "tcp";
}

struct ClientOptions {
    std::string host = "127.0.0.1";
    std::uint16_t port = 9600;
    TransportKind transport = TransportKind::udp;
    std::uint8_t plc_node = 1;      ///< DA1 (TCP: replaced by the node the PLC reports in the handshake)
    std::uint8_t client_node = 10;  ///< SA1; unique per client talking to this PLC (TCP: 0 = let the PLC assign)
    std::chrono::milliseconds timeout{2000};  ///< per attempt, covering send and reply
    int retries = 2;                          ///< extra attempts after the first, for reads and absolute writes
    std::uint16_t max_read_words = fins::kMaxReadWords;
    std::uint16_t max_write_words = fins::kMaxWriteWords;
    std::chrono::milliseconds reconnect_backoff_initial{100};
    std::chrono::milliseconds reconnect_backoff_max{5000};
    std::size_t max_queued_requests = 64;
};

}  // namespace plcbridge::plc
