#pragma once
/// FINS over UDP: one connected datagram socket for the client's lifetime. Connecting the socket
/// makes the kernel drop datagrams from any other address/port (docs/FINS.md "Pitfalls 3").

#include <array>
#include <optional>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/ip/udp.hpp>

#include "plcbridge/plc/client_options.hpp"
#include "plcbridge/plc/frame_transport.hpp"

namespace plcbridge::plc {

class UdpTransport final : public FrameTransport {
  public:
    UdpTransport(boost::asio::any_io_executor executor, const ClientOptions& options);

    boost::asio::awaitable<Result<void>> open(Deadline deadline) override;
    boost::asio::awaitable<Result<void>> send(ByteView frame, Deadline deadline) override;
    boost::asio::awaitable<Result<ByteView>> receive(Deadline deadline) override;
    void close() override;
    [[nodiscard]] bool is_open() const override { return socket_.is_open(); }
    [[nodiscard]] Nodes nodes() const override { return nodes_; }
    [[nodiscard]] std::string peer() const override;

  private:
    boost::asio::any_io_executor executor_;
    std::string host_;
    std::uint16_t port_;
    Nodes nodes_;
    boost::asio::ip::udp::socket socket_;
    /// Larger than any legal frame, so an oversized datagram is seen (and rejected) whole.
    std::array<std::uint8_t, 4096> receive_buffer_{};
};

}  // namespace plcbridge::plc
