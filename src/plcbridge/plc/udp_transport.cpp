#include "plcbridge/plc/udp_transport.hpp"

#include <fmt/format.h>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "plcbridge/plc/endpoint_resolver.hpp"
#include "plcbridge/plc/errc.hpp"

namespace plcbridge::plc {

namespace asio = boost::asio;
using namespace boost::asio::experimental::awaitable_operators;
using asio::ip::udp;

UdpTransport::UdpTransport(asio::any_io_executor executor, const ClientOptions& options)
    : executor_(executor),
      host_(options.host),
      port_(options.port),
      nodes_{options.plc_node, options.client_node},
      socket_(executor) {}

std::string UdpTransport::peer() const {
    return fmt::format("{}:{}/udp", host_, port_);
}

asio::awaitable<Result<void>> UdpTransport::open(Deadline deadline) {
    if (socket_.is_open()) co_return Result<void>{};
    auto address = co_await resolve_host(executor_, host_, deadline);
    if (!address) co_return std::move(address).error();

    udp::endpoint endpoint(*address, port_);
    boost::system::error_code ec;
    socket_.open(endpoint.protocol(), ec);
    if (!ec) socket_.connect(endpoint, ec);  // no I/O for UDP: sets the peer filter
    if (ec) {
        socket_.close();
        co_return make_error(Errc::unreachable, fmt::format("opening UDP socket to {}: {}", peer(), ec.message()));
    }
    co_return Result<void>{};
}

asio::awaitable<Result<void>> UdpTransport::send(ByteView frame, Deadline) {
    // A datagram send completes immediately or fails; it does not wait on the peer.
    auto [ec, n] =
        co_await socket_.async_send(asio::buffer(frame.data(), frame.size()), asio::as_tuple(asio::use_awaitable));
    if (ec || n != frame.size()) {
        co_return make_error(Errc::unreachable,
                             fmt::format("sending to {}: {}", peer(), ec ? ec.message() : "short send"));
    }
    co_return Result<void>{};
}

asio::awaitable<Result<ByteView>> UdpTransport::receive(Deadline deadline) {
    asio::steady_timer timer(executor_, deadline);
    auto token = asio::as_tuple(asio::use_awaitable);
    auto outcome = co_await (socket_.async_receive(asio::buffer(receive_buffer_), token) || timer.async_wait(token));
    if (outcome.index() == 1) co_return make_error(Errc::timeout, fmt::format("waiting for a reply from {}", peer()));
    auto [ec, n] = std::get<0>(outcome);
    if (ec == asio::error::connection_refused) {
        // ICMP port unreachable on the connected socket: nothing listens at the PLC's port.
        co_return make_error(Errc::unreachable, fmt::format("{} refused the datagram (nothing listening)", peer()));
    }
    if (ec) co_return make_error(Errc::unreachable, fmt::format("receiving from {}: {}", peer(), ec.message()));
    co_return ByteView(receive_buffer_.data(), n);
}

void UdpTransport::close() {
    boost::system::error_code ignored;
    socket_.close(ignored);
}

}  // namespace plcbridge::plc
