#include "plcbridge/plc/tcp_transport.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include "plcbridge/plc/endpoint_resolver.hpp"
#include "plcbridge/plc/errc.hpp"

namespace plcbridge::plc {

namespace asio = boost::asio;
using namespace boost::asio::experimental::awaitable_operators;
using asio::ip::tcp;

TcpTransport::TcpTransport(asio::any_io_executor executor, const ClientOptions& options)
    : executor_(executor),
      options_(options),
      nodes_{options.plc_node, options.client_node},
      socket_(executor),
      backoff_(options.reconnect_backoff_initial) {}

std::string TcpTransport::peer() const {
    return fmt::format("{}:{}/tcp", options_.host, options_.port);
}

void TcpTransport::fail() {
    close();
    next_connect_at_ = std::chrono::steady_clock::now() + backoff_;
    backoff_ = std::min(backoff_ * 2, options_.reconnect_backoff_max);
}

void TcpTransport::close() {
    boost::system::error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_both, ignored);
    socket_.close(ignored);
    connected_ = false;
    assembler_.clear();
}

asio::awaitable<Result<void>> TcpTransport::open(Deadline deadline) {
    if (connected_) co_return Result<void>{};
    // Capped backoff: a PLC whose Ethernet port hangs must not be hammered (docs/FINS.md "Pitfalls 4").
    if (auto now = std::chrono::steady_clock::now(); now < next_connect_at_) {
        if (next_connect_at_ > deadline) {
            co_return make_error(
                Errc::unreachable,
                fmt::format("{}: reconnect backoff ({} ms left)", peer(),
                            std::chrono::duration_cast<std::chrono::milliseconds>(next_connect_at_ - now).count()));
        }
        asio::steady_timer wait(executor_, next_connect_at_);
        co_await wait.async_wait(asio::as_tuple(asio::use_awaitable));
    }
    auto result = co_await connect_and_handshake(deadline);
    if (!result) {
        fail();
        co_return result;
    }
    connected_ = true;
    ++connects_;
    backoff_ = options_.reconnect_backoff_initial;
    co_return Result<void>{};
}

asio::awaitable<Result<void>> TcpTransport::connect_and_handshake(Deadline deadline) {
    auto address = co_await resolve_host(executor_, options_.host, deadline);
    if (!address) co_return std::move(address).error();

    auto token = asio::as_tuple(asio::use_awaitable);
    asio::steady_timer timer(executor_, deadline);
    auto connected =
        co_await (socket_.async_connect(tcp::endpoint(*address, options_.port), token) || timer.async_wait(token));
    if (connected.index() == 1)
        co_return make_error(Errc::unreachable, fmt::format("connecting to {} timed out", peer()));
    if (auto [ec] = std::get<0>(connected); ec) {
        co_return make_error(Errc::unreachable, fmt::format("connecting to {}: {}", peer(), ec.message()));
    }
    boost::system::error_code ignored;
    socket_.set_option(tcp::no_delay(true), ignored);
    socket_.set_option(asio::socket_base::keep_alive(true), ignored);

    // Node address handshake: we propose our node (0 = "assign one"), the PLC answers with the
    // node we must use and its own.
    const auto request = fins::encode_node_address_request(options_.client_node);
    auto written = co_await (asio::async_write(socket_, asio::buffer(request), token) || timer.async_wait(token));
    if (written.index() == 1 || std::get<0>(std::get<0>(written))) {
        co_return make_error(Errc::handshake_failed, fmt::format("sending the node address request to {}", peer()));
    }
    auto reply = co_await read_message(deadline);
    if (!reply) {
        co_return make_error(Errc::handshake_failed, fmt::format("waiting for the node address response from {}: {}",
                                                                 peer(), reply.error().message()));
    }
    auto assignment = fins::decode_node_address_response(*reply);
    if (!assignment) {
        co_return make_error(Errc::handshake_failed, fmt::format("{}: {}", peer(), assignment.error().message()));
    }
    if (assignment->client_node == 0 || assignment->client_node > 254 || assignment->server_node > 254) {
        co_return make_error(Errc::handshake_failed,
                             fmt::format("{} assigned client node {} / server node {} (1..254 expected)", peer(),
                                         assignment->client_node, assignment->server_node));
    }
    nodes_.client = static_cast<std::uint8_t>(assignment->client_node);
    nodes_.plc = static_cast<std::uint8_t>(assignment->server_node);
    co_return Result<void>{};
}

asio::awaitable<Result<fins::TcpMessage>> TcpTransport::read_message(Deadline deadline) {
    auto token = asio::as_tuple(asio::use_awaitable);
    for (;;) {
        auto next = assembler_.next();
        if (!next) co_return make_error(Errc::malformed_reply, fmt::format("{}: {}", peer(), next.error().message()));
        if (next->has_value()) co_return **next;

        auto space = assembler_.prepare();
        asio::steady_timer timer(executor_, deadline);
        auto outcome = co_await (socket_.async_read_some(asio::buffer(space.data(), space.size()), token) ||
                                 timer.async_wait(token));
        if (outcome.index() == 1)
            co_return make_error(Errc::timeout, fmt::format("waiting for a reply from {}", peer()));
        auto [ec, n] = std::get<0>(outcome);
        if (ec == asio::error::eof)
            co_return make_error(Errc::connection_lost, fmt::format("{} closed the connection", peer()));
        if (ec) co_return make_error(Errc::connection_lost, fmt::format("reading from {}: {}", peer(), ec.message()));
        assembler_.commit(n);
    }
}

asio::awaitable<Result<void>> TcpTransport::send(ByteView frame, Deadline deadline) {
    if (!connected_) co_return make_error(Errc::connection_lost, fmt::format("{} is not connected", peer()));
    const Bytes message = fins::encode_tcp_frame(frame);
    auto token = asio::as_tuple(asio::use_awaitable);
    asio::steady_timer timer(executor_, deadline);
    auto outcome = co_await (asio::async_write(socket_, asio::buffer(message), token) || timer.async_wait(token));
    if (outcome.index() == 1) {
        fail();
        co_return make_error(Errc::timeout, fmt::format("sending to {} timed out", peer()));
    }
    if (auto [ec, n] = std::get<0>(outcome); ec) {
        fail();
        co_return make_error(Errc::connection_lost, fmt::format("sending to {}: {}", peer(), ec.message()));
    }
    co_return Result<void>{};
}

asio::awaitable<Result<ByteView>> TcpTransport::receive(Deadline deadline) {
    if (!connected_) co_return make_error(Errc::connection_lost, fmt::format("{} is not connected", peer()));
    for (;;) {
        auto message = co_await read_message(deadline);
        if (!message) {
            // A timeout leaves the stream intact (a late reply is dropped by SID); anything else
            // leaves it unusable.
            if (message.error().code != make_error_code(Errc::timeout)) fail();
            co_return std::move(message).error();
        }
        switch (static_cast<fins::TcpCommand>(message->command)) {
            case fins::TcpCommand::frame: co_return message->payload;
            case fins::TcpCommand::frame_error: {
                const std::uint32_t error = message->error;
                fail();
                co_return make_error(Errc::connection_lost,
                                     fmt::format("{} reported FINS/TCP error 0x{:02X} ({}) and closes the connection",
                                                 peer(), error, fins::describe(static_cast<fins::TcpError>(error))));
            }
            default: continue;  // connection confirmation and the like carry nothing for us
        }
    }
}

}  // namespace plcbridge::plc
