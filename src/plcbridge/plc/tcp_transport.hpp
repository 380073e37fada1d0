#pragma once
/// FINS over TCP: one connection, node-address handshake on connect, length-prefixed reassembly,
/// and reconnect with capped exponential backoff after any failure (docs/FINS.md "FINS/TCP", "Pitfalls 4").

#include <chrono>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "plcbridge/fins/tcp_envelope.hpp"
#include "plcbridge/plc/client_options.hpp"
#include "plcbridge/plc/frame_transport.hpp"

namespace plcbridge::plc {

class TcpTransport final : public FrameTransport {
  public:
    TcpTransport(boost::asio::any_io_executor executor, const ClientOptions& options);

    boost::asio::awaitable<Result<void>> open(Deadline deadline) override;
    boost::asio::awaitable<Result<void>> send(ByteView frame, Deadline deadline) override;
    boost::asio::awaitable<Result<ByteView>> receive(Deadline deadline) override;
    void close() override;
    [[nodiscard]] bool is_open() const override { return connected_; }
    [[nodiscard]] Nodes nodes() const override { return nodes_; }
    [[nodiscard]] std::string peer() const override;

    /// Connections opened so far (tests check reconnects).
    [[nodiscard]] std::uint64_t connects() const noexcept { return connects_; }

  private:
    boost::asio::awaitable<Result<void>> connect_and_handshake(Deadline deadline);
    boost::asio::awaitable<Result<fins::TcpMessage>> read_message(Deadline deadline);
    /// Closes and schedules the next connect attempt after the current backoff (then doubles it).
    void fail();

    boost::asio::any_io_executor executor_;
    ClientOptions options_;
    Nodes nodes_;
    boost::asio::ip::tcp::socket socket_;
    bool connected_ = false;
    fins::TcpStreamAssembler assembler_;
    std::chrono::milliseconds backoff_;
    std::chrono::steady_clock::time_point next_connect_at_{};
    std::uint64_t connects_ = 0;
};

}  // namespace plcbridge::plc
