#include "plcbridge/api/api_server.hpp"

#include <fmt/format.h>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
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
    while (acceptor_.is_open()) {
        auto [ec, socket] = co_await acceptor_.async_accept(kNoThrow);
        if (ec) {
            if (!acceptor_.is_open()) co_return;
            continue;
        }
        asio::co_spawn(executor_, serve(std::move(socket)), asio::detached);
    }
}

asio::awaitable<void> ApiServer::serve(tcp::socket socket) {
    beast::tcp_stream stream(std::move(socket));
    // The slot is given back however this coroutine ends (a leaked slot per bad request locked every
    // client out once the cap was reached).
    ++connections_;
    struct Slot {
        int& count;
        ~Slot() { --count; }
    } slot{connections_};
    const bool over_capacity = connections_ > kMaxConnections;
    beast::flat_buffer buffer(kMaxHeader + kMaxBody);
    for (;;) {
        http::request_parser<http::string_body> parser;
        parser.header_limit(kMaxHeader);
        parser.body_limit(kMaxBody);
        stream.expires_after(kRequestTimeout);
        auto [ec, n] = co_await http::async_read(stream, buffer, parser, kNoThrow);
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
        if (ec) break;
        auto& request = parser.get();
        HttpResponse answer;
        if (over_capacity) {
            answer = {503, "application/json", error_body("busy", "too many open connections; try again"), {}};
        } else {
            HttpRequest in{std::string(request.method_string()), std::string(request.target()),
                           std::string(request[http::field::authorization]), std::move(request.body())};
            answer = co_await answer_safely(std::move(in));
        }
        const bool keep_alive = request.keep_alive() && !over_capacity;
        auto response = to_beast(answer, keep_alive);
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
