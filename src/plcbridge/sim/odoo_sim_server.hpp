#pragma once
/// Serves an OdooSim over HTTP/1.1 (keep-alive) on Boost.Beast. Port 0 picks a free port.

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "plcbridge/core/result.hpp"
#include "plcbridge/sim/odoo_sim.hpp"

namespace plcbridge::sim {

class OdooSimServer {
  public:
    OdooSimServer(boost::asio::io_context& io, OdooSim& sim);
    ~OdooSimServer();
    OdooSimServer(const OdooSimServer&) = delete;
    OdooSimServer& operator=(const OdooSimServer&) = delete;

    [[nodiscard]] Result<std::uint16_t> listen(const std::string& host, std::uint16_t port);
    void stop();
    [[nodiscard]] std::uint16_t port() const noexcept { return port_; }
    /// TCP connections accepted so far (tests check keep-alive reuse).
    [[nodiscard]] std::size_t connections_accepted() const noexcept { return accepted_.load(); }

  private:
    boost::asio::awaitable<void> accept();
    boost::asio::awaitable<void> serve(boost::asio::ip::tcp::socket socket);

    boost::asio::io_context& io_;
    OdooSim& sim_;
    boost::asio::ip::tcp::acceptor acceptor_;
    std::uint16_t port_ = 0;
    std::atomic<std::size_t> accepted_{0};
};

}  // namespace plcbridge::sim
