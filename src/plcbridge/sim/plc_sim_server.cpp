#include "plcbridge/sim/plc_sim_server.hpp"

#include <array>

#include <fmt/format.h>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include "plcbridge/fins/errc.hpp"
#include "plcbridge/fins/tcp_envelope.hpp"

namespace plcbridge::sim {

namespace asio = boost::asio;
using asio::ip::tcp;
using asio::ip::udp;

namespace {

constexpr auto kToken = asio::as_tuple(asio::use_awaitable);
constexpr std::uint32_t kFirstPoolNode = 239;
constexpr std::uint32_t kLastPoolNode = 254;
constexpr std::size_t kSplitChunk = 5;  // bytes per write when split_tcp_writes is on

Error listen_error(const std::string& what) {
    return Error{std::make_error_code(std::errc::address_not_available), what};
}

}  // namespace

PlcSimServer::PlcSimServer(asio::io_context& io, SimulatedPlc& plc) : io_(io), plc_(plc), udp_(io), acceptor_(io) {}

PlcSimServer::~PlcSimServer() {
    stop();
}

Result<std::uint16_t> PlcSimServer::listen(const std::string& host, std::uint16_t port) {
    boost::system::error_code ec;
    const auto address = asio::ip::make_address(host, ec);
    if (ec) return listen_error(fmt::format("listen address '{}' is not a numeric IP address", host));

    // With port 0 the UDP port is chosen first; the same number must then be free for TCP too.
    const int tries = port == 0 ? 50 : 1;
    for (int attempt = 0; attempt < tries; ++attempt) {
        stop();
        udp_.open(address.is_v6() ? udp::v6() : udp::v4(), ec);
        if (!ec) udp_.bind(udp::endpoint(address, port), ec);
        if (ec) return listen_error(fmt::format("binding UDP {}:{}: {}", host, port, ec.message()));
        const std::uint16_t chosen = udp_.local_endpoint().port();

        acceptor_.open(address.is_v6() ? tcp::v6() : tcp::v4(), ec);
        if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
        if (!ec) acceptor_.bind(tcp::endpoint(address, chosen), ec);
        if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
        if (ec) {
            if (port != 0) return listen_error(fmt::format("binding TCP {}:{}: {}", host, port, ec.message()));
            continue;  // that number is taken for TCP: pick another
        }
        port_ = chosen;
        asio::co_spawn(io_, serve_udp(), asio::detached);
        asio::co_spawn(io_, accept_tcp(), asio::detached);
        return port_;
    }
    return listen_error(fmt::format("no port number on {} was free for both UDP and TCP", host));
}

void PlcSimServer::stop() {
    boost::system::error_code ignored;
    udp_.close(ignored);
    acceptor_.close(ignored);
    for (auto& weak : tcp_sockets_) {
        if (auto socket = weak.lock()) socket->close(ignored);
    }
    tcp_sockets_.clear();
}

void PlcSimServer::close_tcp_connections() {
    asio::post(io_, [this] {
        boost::system::error_code ignored;
        for (auto& weak : tcp_sockets_) {
            if (auto socket = weak.lock()) {
                socket->shutdown(tcp::socket::shutdown_both, ignored);
                socket->close(ignored);
            }
        }
        tcp_sockets_.clear();
    });
}

asio::awaitable<void> PlcSimServer::serve_udp() {
    std::array<std::uint8_t, 4096> buffer{};
    udp::endpoint from;
    while (udp_.is_open()) {
        auto [ec, n] = co_await udp_.async_receive_from(asio::buffer(buffer), from, kToken);
        if (ec == asio::error::operation_aborted || !udp_.is_open()) co_return;
        if (ec) continue;  // e.g. ICMP from an earlier reply to a client that went away
        Dispatch dispatch = plc_.handle(ByteView(buffer.data(), n));
        if (dispatch.replies.empty()) continue;
        if (dispatch.delay.count() > 0) {
            // Inline, like a slow CPU: later requests wait behind this one.
            asio::steady_timer timer(io_, dispatch.delay);
            co_await timer.async_wait(kToken);
        }
        for (const Bytes& reply : dispatch.replies) {
            co_await udp_.async_send_to(asio::buffer(reply), from, kToken);
        }
    }
}

asio::awaitable<void> PlcSimServer::accept_tcp() {
    while (acceptor_.is_open()) {
        auto [ec, socket] = co_await acceptor_.async_accept(kToken);
        if (ec == asio::error::operation_aborted || !acceptor_.is_open()) co_return;
        if (ec) continue;
        ++tcp_accepted_;
        auto shared = std::make_shared<tcp::socket>(std::move(socket));
        std::erase_if(tcp_sockets_, [](const auto& weak) { return weak.expired(); });
        tcp_sockets_.push_back(shared);
        asio::co_spawn(io_, serve_tcp(shared), asio::detached);
    }
}

asio::awaitable<bool> PlcSimServer::send_tcp(tcp::socket& socket, const Bytes& bytes, bool split) {
    if (!split) {
        auto [ec, n] = co_await asio::async_write(socket, asio::buffer(bytes), kToken);
        co_return !ec;
    }
    // A few bytes per write with a pause between: the client must reassemble across reads.
    for (std::size_t at = 0; at < bytes.size(); at += kSplitChunk) {
        const std::size_t n = std::min(kSplitChunk, bytes.size() - at);
        auto [ec, written] = co_await asio::async_write(socket, asio::buffer(bytes.data() + at, n), kToken);
        if (ec) co_return false;
        asio::steady_timer pause(io_, std::chrono::milliseconds(1));
        co_await pause.async_wait(kToken);
    }
    co_return true;
}

asio::awaitable<void> PlcSimServer::serve_tcp(std::shared_ptr<tcp::socket> socket) {
    auto assembler = std::make_unique<fins::TcpStreamAssembler>();
    std::optional<std::uint32_t> client_node;
    bool open = true;
    while (open && socket->is_open()) {
        auto space = assembler->prepare();
        auto [ec, n] = co_await socket->async_read_some(asio::buffer(space.data(), space.size()), kToken);
        if (ec) break;
        assembler->commit(n);
        for (;;) {
            auto message = assembler->next();
            if (!message) {
                // Corrupt stream: tell the client why, then close (what a CJ2M does).
                const Bytes notice = fins::encode_tcp_message(fins::TcpCommand::frame_error,
                                                              message.error().code == fins::Errc::bad_tcp_magic
                                                                  ? fins::TcpError::bad_magic
                                                                  : fins::TcpError::length_too_long,
                                                              {});
                co_await send_tcp(*socket, notice, false);
                open = false;
                break;
            }
            if (!message->has_value()) break;
            const fins::TcpMessage& m = **message;
            const auto command = static_cast<fins::TcpCommand>(m.command);

            if (command == fins::TcpCommand::node_address_request && !client_node) {
                const std::uint32_t requested = m.payload.size() == 4 ? load_be32(m.payload, 0) : 0xFFFFFFFF;
                fins::TcpError error = fins::TcpError::normal;
                std::uint32_t assigned = requested;
                if (requested == 0) {
                    assigned = 0;
                    for (std::uint32_t node = kFirstPoolNode; node <= kLastPoolNode; ++node) {
                        if (!tcp_nodes_in_use_.contains(node)) {
                            assigned = node;
                            break;
                        }
                    }
                    if (assigned == 0) error = fins::TcpError::no_node_available;
                } else if (requested > 254) {
                    error = fins::TcpError::client_node_out_of_range;
                } else if (requested == plc_.node()) {
                    error = fins::TcpError::same_node_as_server;
                } else if (tcp_nodes_in_use_.contains(requested)) {
                    error = fins::TcpError::node_already_connected;
                }
                const auto reply = fins::encode_node_address_response(assigned, plc_.node(), error);
                co_await send_tcp(*socket, Bytes(reply.begin(), reply.end()), false);
                if (error != fins::TcpError::normal) {
                    open = false;
                    break;
                }
                client_node = assigned;
                tcp_nodes_in_use_.insert(assigned);
                continue;
            }
            if (command != fins::TcpCommand::frame || !client_node) {
                // A repeated handshake or an unknown command: error notification, then close.
                const Bytes notice =
                    fins::encode_tcp_message(fins::TcpCommand::frame_error, fins::TcpError::command_not_supported, {});
                co_await send_tcp(*socket, notice, false);
                open = false;
                break;
            }

            Dispatch dispatch = plc_.handle(m.payload);
            if (dispatch.replies.empty()) continue;
            if (dispatch.delay.count() > 0) {
                asio::steady_timer timer(io_, dispatch.delay);
                co_await timer.async_wait(kToken);
            }
            // All replies of one request in one write: duplicates then arrive in one segment,
            // which the client must cut apart.
            Bytes out;
            for (const Bytes& reply : dispatch.replies) {
                Bytes framed = fins::encode_tcp_frame(reply);
                out.insert(out.end(), framed.begin(), framed.end());
            }
            if (!co_await send_tcp(*socket, out, plc_.knobs().split_tcp_writes)) {
                open = false;
                break;
            }
        }
    }
    if (client_node) tcp_nodes_in_use_.erase(*client_node);
    boost::system::error_code ignored;
    socket->close(ignored);
}

}  // namespace plcbridge::sim
