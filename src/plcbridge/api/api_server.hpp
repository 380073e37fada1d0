#pragma once
/// Serves the ApiRouter over HTTP/1.1 (keep-alive) on Boost.Beast. Every buffer has a cap (header
/// 8 KiB, body 64 KiB: a larger request gets 413), every read a deadline (a request's header must
/// arrive within kHeaderTimeout of the connection or of the previous answer), and connections are
/// capped in all (kMaxConnections) and per client address (kMaxPerAddress): beyond either, a 503
/// and close at once. So idle or misbehaving clients can neither starve the PLC poll that shares
/// the executor nor lock other clients out of the API (docs/API.md, "Limits").
/// A request that is not HTTP/1.x (HTTP/0.9, an HTTP/2 preface, a malformed request line) gets a
/// 400 before the close; HEAD is answered like GET without the body.

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/tcp_stream.hpp>

#include "plcbridge/api/router.hpp"
#include "plcbridge/core/result.hpp"

namespace plcbridge::api {

class ApiServer {
  public:
    static constexpr int kMaxConnections = 512;
    static constexpr int kMaxPerAddress = 16;
    static constexpr std::chrono::seconds kHeaderTimeout{5};

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
    /// Tells a client over a connection cap so, and closes.
    boost::asio::awaitable<void> refuse(boost::asio::ip::tcp::socket socket, std::string why);
    /// GET /api/events: Server-Sent Events from the router until the client leaves or we stop.
    boost::asio::awaitable<void> stream_events(boost::beast::tcp_stream& stream, std::size_t line);
    /// The router's answer, or a 500 when it threw.
    boost::asio::awaitable<HttpResponse> answer_safely(HttpRequest request);

    boost::asio::any_io_executor executor_;
    ApiRouter& router_;
    boost::asio::ip::tcp::acceptor acceptor_;
    /// Open connections, in all and by client address. Shared with every connection's coroutine:
    /// one still open when the service stops (an event stream, a keep-alive) is destroyed with the
    /// io_context, after this server, and gives its slot back to counts that still exist.
    struct Counts {
        int connections = 0;
        std::map<boost::asio::ip::address, int> per_address;
    };
    std::shared_ptr<Counts> counts_ = std::make_shared<Counts>();
};

}  // namespace plcbridge::api
