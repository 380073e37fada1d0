#pragma once
/// Serves a SimulatedPlc over FINS/UDP and FINS/TCP on the same port number. UDP replies leave from
/// the socket the request arrived on (docs/FINS.md "Pitfalls 3"); TCP does the node-address handshake with the
/// PLC's rules (pool 239..254 for node 0, 0x21 for a node already connected).

#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ip/udp.hpp>

#include "plcbridge/core/result.hpp"
#include "plcbridge/sim/simulated_plc.hpp"

namespace plcbridge::sim {

class PlcSimServer {
  public:
    PlcSimServer(boost::asio::io_context& io, SimulatedPlc& plc);
    ~PlcSimServer();
    PlcSimServer(const PlcSimServer&) = delete;
    PlcSimServer& operator=(const PlcSimServer&) = delete;

    /// Binds UDP and TCP on `host`:`port` (0 = a free port number that is free for both) and
    /// starts serving on the io_context. Returns the port.
    [[nodiscard]] Result<std::uint16_t> listen(const std::string& host, std::uint16_t port);
    /// Closes the sockets; serving coroutines end. Call on the io_context's thread, or before/after run().
    void stop();
    /// Thread-safe: drops every open TCP connection (a PLC Ethernet unit reset, for reconnect tests).
    void close_tcp_connections();
    [[nodiscard]] std::uint16_t port() const noexcept { return port_; }
    [[nodiscard]] std::size_t tcp_connections_accepted() const noexcept { return tcp_accepted_; }

  private:
    boost::asio::awaitable<void> serve_udp();
    boost::asio::awaitable<void> accept_tcp();
    boost::asio::awaitable<void> serve_tcp(std::shared_ptr<boost::asio::ip::tcp::socket> socket);
    boost::asio::awaitable<bool> send_tcp(boost::asio::ip::tcp::socket& socket, const Bytes& bytes, bool split);

    boost::asio::io_context& io_;
    SimulatedPlc& plc_;
    boost::asio::ip::udp::socket udp_;
    boost::asio::ip::tcp::acceptor acceptor_;
    std::uint16_t port_ = 0;
    std::set<std::uint32_t> tcp_nodes_in_use_;
    std::vector<std::weak_ptr<boost::asio::ip::tcp::socket>> tcp_sockets_;
    std::size_t tcp_accepted_ = 0;
};

}  // namespace plcbridge::sim
