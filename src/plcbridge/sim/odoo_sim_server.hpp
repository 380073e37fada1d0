#pragma once
/// Serves an OdooSim over HTTP/1.1 (keep-alive) on Boost.Beast, plain or over TLS with a given
/// certificate (tests of the client's certificate checks). Port 0 picks a free port.

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>

#include "plcbridge/core/result.hpp"
#include "plcbridge/sim/odoo_sim.hpp"

namespace plcbridge::sim {

class OdooSimServer {
  public:
    OdooSimServer(boost::asio::io_context& io, OdooSim& sim);
    ~OdooSimServer();
    OdooSimServer(const OdooSimServer&) = delete;
    OdooSimServer& operator=(const OdooSimServer&) = delete;

    /// Serve HTTPS from now on with this PEM certificate chain and key; an error names the file.
    [[nodiscard]] Result<void> use_tls(const std::string& certificate_chain_file, const std::string& key_file);
    [[nodiscard]] Result<std::uint16_t> listen(const std::string& host, std::uint16_t port);
    void stop();
    [[nodiscard]] std::uint16_t port() const noexcept { return port_; }
    /// TCP connections accepted so far (tests check keep-alive reuse).
    [[nodiscard]] std::size_t connections_accepted() const noexcept { return accepted_.load(); }

  private:
    boost::asio::awaitable<void> accept();
    boost::asio::awaitable<void> serve(boost::asio::ip::tcp::socket socket);
    template <class Stream>
    boost::asio::awaitable<void> answer_requests(Stream& stream);

    boost::asio::io_context& io_;
    OdooSim& sim_;
    boost::asio::ip::tcp::acceptor acceptor_;
    std::shared_ptr<boost::asio::ssl::context> tls_;
    std::uint16_t port_ = 0;
    std::atomic<std::size_t> accepted_{0};
};

}  // namespace plcbridge::sim
