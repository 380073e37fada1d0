#include "plcbridge/api/api_server.hpp"

#include <fmt/format.h>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "plcbridge/api/json_views.hpp"
#include "plcbridge/api/request_reading.hpp"

namespace plcbridge::api {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using asio::ip::tcp;

namespace {
constexpr auto kNoThrow = asio::as_tuple(asio::use_awaitable);
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
/// The answer before a close (Connection: close), with a short deadline of its own.
asio::awaitable<void> send_last(beast::tcp_stream& stream, const HttpResponse& answer) {
    stream.expires_after(kRefusalTimeout);
    auto response = to_beast(answer, false);
    (void)co_await http::async_write(stream, response, kNoThrow);
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
        if (counts_->connections >= kMaxConnections) {
            asio::co_spawn(executor_, refuse(std::move(socket), "the API has too many open connections; try again"),
                           asio::detached);
        } else if (counts_->per_address[peer.address()] >= kMaxPerAddress) {
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
    // A named answer, not a temporary in the co_await: GCC 12 destroys such a temporary twice.
    const HttpResponse busy{503, "application/json", error_body("busy", why), {}};
    co_await send_last(stream, busy);
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
}

asio::awaitable<void> ApiServer::serve(tcp::socket socket) {
    boost::system::error_code peer_ec;
    const auto address = socket.remote_endpoint(peer_ec).address();
    beast::tcp_stream stream(std::move(socket));
    // The slots are given back however this coroutine ends (a leaked slot per bad request locked
    // every client out once the cap was reached).
    ++counts_->connections;
    ++counts_->per_address[address];
    struct Slots {
        std::shared_ptr<Counts> counts;
        asio::ip::address address;
        ~Slots() {
            --counts->connections;
            if (--counts->per_address[address] <= 0) counts->per_address.erase(address);
        }
    } slots{counts_, address};
    beast::flat_buffer buffer(kMaxHeaderBytes + kMaxBodyBytes);
    for (;;) {
        http::request_parser<http::string_body> parser;
        parser.header_limit(kMaxHeaderBytes);
        parser.body_limit(kMaxBodyBytes);
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
        if (ec) {
            if (auto answer = answer_to_unreadable(ec)) co_await send_last(stream, *answer);
            break;
        }
        auto& request = parser.get();
        if (auto answer = answer_to_unserved(request)) {
            co_await send_last(stream, *answer);
            break;
        }
        const bool keep_alive = request.keep_alive();
        HttpRequest routed = router_request(request);
        routed.client = address.to_string();
        const HttpResponse answer = co_await answer_safely(std::move(routed));
        if (answer.event_stream && request.method() == http::verb::get) {
            co_await stream_events(stream, answer.stream_line);
            break;
        }
        auto response = to_beast(answer, keep_alive);
        fit_to_method(request, response);
        stream.expires_after(kRequestTimeout);
        auto [wec, written] = co_await http::async_write(stream, response, kNoThrow);
        if (wec || !keep_alive) break;
    }
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
}

asio::awaitable<void> ApiServer::stream_events(beast::tcp_stream& stream, std::size_t line) {
    // The body has no length: events follow one another until either side closes. Each write has
    // its own deadline, so a console that stopped reading frees its slot; the router's events come
    // at least every ApiRouter::kEventRefresh, which also tells a dead peer apart.
    static constexpr std::string_view kHead =
        "HTTP/1.1 200 OK\r\nServer: plcbridge\r\nContent-Type: text/event-stream; charset=utf-8\r\n"
        "Cache-Control: no-store\r\nConnection: close\r\nX-Accel-Buffering: no\r\n\r\n"
        "retry: 1000\n\n";
    stream.expires_after(kRequestTimeout);
    auto [hec, head_bytes] = co_await asio::async_write(stream, asio::buffer(kHead), kNoThrow);
    if (hec) co_return;
    std::uint64_t seen = 0;
    while (acceptor_.is_open()) {
        std::string event;
        try {
            event = co_await router_.next_event(seen, line);
        } catch (const std::exception&) {
            co_return;  // the edge: the stream ends, the console reconnects
        }
        if (!acceptor_.is_open()) co_return;
        stream.expires_after(kRequestTimeout);
        auto [wec, written] = co_await asio::async_write(stream, asio::buffer(event), kNoThrow);
        if (wec) co_return;
    }
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
