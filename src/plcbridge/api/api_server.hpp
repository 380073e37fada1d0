#pragma once
/// Serves the ApiRouter over HTTP/1.1 (keep-alive) on Boost.Beast. Every buffer has a cap (header
/// 8 KiB, body 64 KiB: a larger request gets 413), every read a deadline, and at most
/// kMaxConnections connections are served at once (beyond that a 503 and close), so a misbehaving
/// client cannot starve the PLC poll that shares the executor.

#include <cstdint>
#include <string>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "plcbridge/api/router.hpp"
#include "plcbridge/core/result.hpp"

namespace plcbridge::api {

class ApiServer {
  public:
    static constexpr int kMaxConnections = 64;

    ApiServer(boost::asio::any_io_executor executor, ApiRouter& router);
    ~ApiServer();
    ApiServer(const ApiServer&) = delete;
    ApiServer& operator=(const ApiServer&) = delete;

    /// Port 0 picks a free port; the bound port.
    [[nodiscard]] Result<std::uint16_t> listen(const std::string& host, std::uint16_t port);
    /// Stops accepting; connections finish their current request.
    void stop();

  private:
    boost::asio::awaitable<void> accept();
    boost::asio::awaitable<void> serve(boost::asio::ip::tcp::socket socket);
    /// The router's answer, or a 500 when it threw.
    boost::asio::awaitable<HttpResponse> answer_safely(HttpRequest request);

    boost::asio::any_io_executor executor_;
    ApiRouter& router_;
    boost::asio::ip::tcp::acceptor acceptor_;
    int connections_ = 0;
};

}  // namespace plcbridge::api
