#include "plcbridge/api/api_server.hpp"

#include <fmt/format.h>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "plcbridge/api/json_views.hpp"

namespace plcbridge::api {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using asio::ip::tcp;

namespace {
constexpr auto kNoThrow = asio::as_tuple(asio::use_awaitable);
constexpr std::uint32_t kMaxHeader = 8 * 1024;
constexpr std::uint64_t kMaxBody = 64 * 1024;
constexpr std::chrono::seconds kRequestTimeout{30};
constexpr std::chrono::seconds kRefusalTimeout{2};
constexpr std::chrono::milliseconds kAcceptRetry{100};

http::response<http::string_body> to_beast(const HttpResponse& r, bool keep_alive) {
    http::response<http::string_body> out{static_cast<http::status>(r.status), 11};
    out.set(http::field::server, "plcbridge");
    out.set(http::field::content_type, r.content_type);
    out.set(http::field::cache_control, "no-store");
    for (const auto& [name, value] : r.headers)
        out.set(name, value);
    out.keep_alive(keep_alive);
    out.body() = r.body;
    out.prepare_payload();
    return out;
}
}  // namespace

ApiServer::ApiServer(asio::any_io_executor executor, ApiRouter& router)
    : executor_(std::move(executor)), router_(router), acceptor_(executor_) {}

ApiServer::~ApiServer() {
    stop();
}

Result<std::uint16_t> ApiServer::listen(const std::string& host, std::uint16_t port) {
    boost::system::error_code ec;
    const auto address = asio::ip::make_address(host, ec);
    if (ec) {
        return Error{std::make_error_code(std::errc::invalid_argument),
                     fmt::format("[api] listen: '{}' is not an IP address", host)};
    }
    acceptor_.open(address.is_v6() ? tcp::v6() : tcp::v4(), ec);
    if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(tcp::endpoint(address, port), ec);
    if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
        return Error{
            ec, fmt::format("[api] listen: cannot listen on {}:{} ({}); choose a free port", host, port, ec.message())};
    }
    asio::co_spawn(executor_, accept(), asio::detached);
    return acceptor_.local_endpoint().port();
}

void ApiServer::stop() {
    boost::system::error_code ignored;
    acceptor_.close(ignored);
}

asio::awaitable<void> ApiServer::accept() {
    asio::steady_timer pause(executor_);
    while (acceptor_.is_open()) {
        auto [ec, socket] = co_await acceptor_.async_accept(kNoThrow);
        if (ec) {
            if (!acceptor_.is_open()) co_return;
            // Out of file descriptors (or another transient error): the same error comes back at
            // once, so wait a little instead of spinning the executor the PLC poll shares.
            pause.expires_after(kAcceptRetry);
            (void)co_await pause.async_wait(kNoThrow);
            continue;
        }
        boost::system::error_code peer_ec;
        const auto peer = socket.remote_endpoint(peer_ec);
        if (peer_ec) continue;  // the client left already
        if (connections_ >= kMaxConnections) {
            asio::co_spawn(executor_, refuse(std::move(socket), "the API has too many open connections; try again"),
                           asio::detached);
        } else if (per_address_[peer.address()] >= kMaxPerAddress) {
            asio::co_spawn(executor_,
                           refuse(std::move(socket), fmt::format("too many open connections from {} (at most {}); "
                                                                 "close idle ones and try again",
                                                                 peer.address().to_string(), kMaxPerAddress)),
                           asio::detached);
        } else {
            asio::co_spawn(executor_, serve(std::move(socket)), asio::detached);
        }
    }
}

asio::awaitable<void> ApiServer::refuse(tcp::socket socket, std::string why) {
    beast::tcp_stream stream(std::move(socket));
    stream.expires_after(kRefusalTimeout);
    auto busy = to_beast({503, "application/json", error_body("busy", why), {}}, false);
    (void)co_await http::async_write(stream, busy, kNoThrow);
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
}

asio::awaitable<void> ApiServer::serve(tcp::socket socket) {
    boost::system::error_code peer_ec;
    const auto address = socket.remote_endpoint(peer_ec).address();
    beast::tcp_stream stream(std::move(socket));
    // The slots are given back however this coroutine ends (a leaked slot per bad request locked
    // every client out once the cap was reached).
    ++connections_;
    ++per_address_[address];
    struct Slots {
        ApiServer& server;
        asio::ip::address address;
        ~Slots() {
            --server.connections_;
            if (--server.per_address_[address] <= 0) server.per_address_.erase(address);
        }
    } slots{*this, address};
    beast::flat_buffer buffer(kMaxHeader + kMaxBody);
    for (;;) {
        http::request_parser<http::string_body> parser;
        parser.header_limit(kMaxHeader);
        parser.body_limit(kMaxBody);
        // A client that connects (or keeps the connection) and sends nothing holds a slot for a
        // few seconds at most.
        stream.expires_after(kHeaderTimeout);
        auto [hec, header_bytes] = co_await http::async_read_header(stream, buffer, parser, kNoThrow);
        beast::error_code ec = hec;
        if (!ec && !parser.is_done()) {
            stream.expires_after(kRequestTimeout);
            auto [bec, body_bytes] = co_await http::async_read(stream, buffer, parser, kNoThrow);
            ec = bec;
        }
        if (ec == http::error::body_limit || ec == http::error::header_limit) {
            auto refusal = to_beast({413,
                                     "application/json",
                                     error_body("too_large",
                                                "request header or body exceeds the API's limits "
                                                "(8 KiB header, 64 KiB body)"),
                                     {}},
                                    false);
            (void)co_await http::async_write(stream, refusal, kNoThrow);
            break;
        }
        if (ec) {
            if (ec.category() == http::make_error_code(http::error::end_of_stream).category() &&
                ec != http::error::end_of_stream && ec != http::error::partial_message) {
                // Not HTTP/1.x at all (HTTP/0.9, garbage, a malformed request line): say so.
                stream.expires_after(kRefusalTimeout);
                auto bad = to_beast({400,
                                     "application/json",
                                     error_body("bad_request", "not an HTTP/1.1 request (" + ec.message() +
                                                                   "): this API speaks HTTP/1.1"),
                                     {}},
                                    false);
                (void)co_await http::async_write(stream, bad, kNoThrow);
            }
            break;
        }
        auto& request = parser.get();
        if (request.version() != 10 && request.version() != 11) {
            // An HTTP/2 preface ("PRI * HTTP/2.0") parses as a request line; it is not one we serve.
            stream.expires_after(kRefusalTimeout);
            auto bad = to_beast({400,
                                 "application/json",
                                 error_body("bad_request", fmt::format("HTTP/{}.{} is not served: this API speaks "
                                                                       "HTTP/1.1",
                                                                       request.version() / 10, request.version() % 10)),
                                 {}},
                                false);
            (void)co_await http::async_write(stream, bad, kNoThrow);
            break;
        }
        // HEAD is GET without the body (RFC 9110, 9.3.2): same status, same headers.
        const bool head = request.method() == http::verb::head;
        HttpRequest in{head ? std::string("GET") : std::string(request.method_string()), std::string(request.target()),
                       std::string(request[http::field::authorization]), std::move(request.body())};
        const HttpResponse answer = co_await answer_safely(std::move(in));
        const bool keep_alive = request.keep_alive();
        auto response = to_beast(answer, keep_alive);
        if (head) {
            const auto length = response.body().size();
            response.body().clear();
            response.content_length(length);
        }
        stream.expires_after(kRequestTimeout);
        auto [wec, written] = co_await http::async_write(stream, response, kNoThrow);
        if (wec || !keep_alive) break;
    }
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
}

asio::awaitable<HttpResponse> ApiServer::answer_safely(HttpRequest request) {
    // The edge: no exception may leave a session. A bug becomes a 500, and the service goes on.
    std::string what;
    try {
        co_return co_await router_.handle(std::move(request));
    } catch (const std::exception& e) {
        what = e.what();
    } catch (...) {
        what = "unknown exception";
    }
    co_return HttpResponse{500,
                           "application/json",
                           error_body("internal_error", "the request failed inside plcbridge (" + what +
                                                            "): check /api/batches and the log before retrying"),
                           {}};
}

}  // namespace plcbridge::api
