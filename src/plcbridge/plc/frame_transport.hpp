#pragma once
/// A long-lived channel that carries whole FINS frames to and from one PLC. UDP and TCP implement
/// it; the client above does SIDs, matching and retries (libmodbus's backend split).
/// Not thread-safe: one exchange at a time, on one executor (PlcClient serialises callers).

#include <chrono>
#include <cstdint>
#include <string>

#include <boost/asio/awaitable.hpp>

#include "plcbridge/core/byte_order.hpp"
#include "plcbridge/core/result.hpp"

namespace plcbridge::plc {

using Deadline = std::chrono::steady_clock::time_point;

/// The node numbers to put in FINS headers.
struct Nodes {
    std::uint8_t plc = 0;
    std::uint8_t client = 0;
};

class FrameTransport {
  public:
    virtual ~FrameTransport() = default;

    /// Opens the channel if it is not open (UDP: socket; TCP: connect + node handshake, honouring
    /// the reconnect backoff). A no-op when already open.
    virtual boost::asio::awaitable<Result<void>> open(Deadline deadline) = 0;
    virtual boost::asio::awaitable<Result<void>> send(ByteView frame, Deadline deadline) = 0;
    /// The next frame received; the view stays valid until the next receive() or close().
    virtual boost::asio::awaitable<Result<ByteView>> receive(Deadline deadline) = 0;
    virtual void close() = 0;
    [[nodiscard]] virtual bool is_open() const = 0;
    [[nodiscard]] virtual Nodes nodes() const = 0;
    /// "127.0.0.1:9600/udp", for messages.
    [[nodiscard]] virtual std::string peer() const = 0;
};

}  // namespace plcbridge::plc
