#include "plcbridge/sim/odoo_sim_server.hpp"

#include <fmt/format.h>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

namespace plcbridge::sim {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using asio::ip::tcp;
namespace ssl = asio::ssl;

namespace {
constexpr auto kToken = asio::as_tuple(asio::use_awaitable);
constexpr std::size_t kMaxRequestBody = 1024 * 1024;
constexpr std::chrono::seconds kIdleTimeout{60};

std::optional<std::string> session_from_cookie(std::string_view cookie) {
    const auto at = cookie.find("session_id=");
    if (at == std::string_view::npos) return std::nullopt;
    std::string_view value = cookie.substr(at + 11);
    return std::string(value.substr(0, value.find(';')));
}
}  // namespace

OdooSimServer::OdooSimServer(asio::io_context& io, OdooSim& sim) : io_(io), sim_(sim), acceptor_(io) {}

OdooSimServer::~OdooSimServer() {
    stop();
}

Result<std::uint16_t> OdooSimServer::listen(const std::string& host, std::uint16_t port) {
    boost::system::error_code ec;
    const auto address = asio::ip::make_address(host, ec);
    if (ec)
        return Error{std::make_error_code(std::errc::invalid_argument),
                     "listen address '" + host + "' is not an IP address"};
    acceptor_.open(address.is_v6() ? tcp::v6() : tcp::v4(), ec);
    if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(tcp::endpoint(address, port), ec);
    if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) return Error{ec, fmt::format("binding {}:{}", host, port)};
    port_ = acceptor_.local_endpoint().port();
    asio::co_spawn(io_, accept(), asio::detached);
    return port_;
}

void OdooSimServer::stop() {
    boost::system::error_code ignored;
    acceptor_.close(ignored);
}

asio::awaitable<void> OdooSimServer::accept() {
    while (acceptor_.is_open()) {
        auto [ec, socket] = co_await acceptor_.async_accept(kToken);
        if (ec) {
            if (!acceptor_.is_open()) co_return;
            continue;
        }
        ++accepted_;
        asio::co_spawn(io_, serve(std::move(socket)), asio::detached);
    }
}

Result<void> OdooSimServer::use_tls(const std::string& certificate_chain_file, const std::string& key_file) {
    auto context = std::make_shared<ssl::context>(ssl::context::tls_server);
    boost::system::error_code ec;
    context->use_certificate_chain_file(certificate_chain_file, ec);
    if (ec) return Error{ec, "TLS certificate " + certificate_chain_file};
    context->use_private_key_file(key_file, ssl::context::pem, ec);
    if (ec) return Error{ec, "TLS key " + key_file};
    tls_ = std::move(context);
    return {};
}

asio::awaitable<void> OdooSimServer::serve(tcp::socket socket) {
    if (!tls_) {
        beast::tcp_stream stream(std::move(socket));
        co_await answer_requests(stream);
        beast::error_code ignored;
        stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
        co_return;
    }
    beast::ssl_stream<beast::tcp_stream> stream(std::move(socket), *tls_);
    beast::get_lowest_layer(stream).expires_after(kIdleTimeout);
    // A client that refuses our certificate ends the handshake: nothing to answer.
    auto [ec] = co_await stream.async_handshake(ssl::stream_base::server, kToken);
    if (!ec) co_await answer_requests(stream);
    beast::error_code ignored;
    beast::get_lowest_layer(stream).socket().shutdown(tcp::socket::shutdown_both, ignored);
}

template <class Stream>
asio::awaitable<void> OdooSimServer::answer_requests(Stream& stream) {
    beast::flat_buffer buffer;
    for (;;) {
        http::request_parser<http::string_body> parser;
        parser.body_limit(kMaxRequestBody);
        beast::get_lowest_layer(stream).expires_after(kIdleTimeout);
        auto [ec, n] = co_await http::async_read(stream, buffer, parser, kToken);
        if (ec) break;
        auto& request = parser.get();
        OdooRequest in{std::string(request.method_string()), std::string(request.target()),
                       std::string(request[http::field::content_type]),
                       session_from_cookie(request[http::field::cookie]), std::move(request.body())};
        OdooReply out = sim_.handle(in);
        if (out.delay.count() > 0) {
            asio::steady_timer timer(io_, out.delay);  // the change is applied; the answer is late
            co_await timer.async_wait(kToken);
        }
        http::response<http::string_body> response{static_cast<http::status>(out.status), 11};
        response.set(http::field::server, "plcbridge-odoo-sim");
        response.set(http::field::content_type, out.content_type);
        if (out.set_session_id) {
            response.set(http::field::set_cookie,
                         "session_id=" + *out.set_session_id +
                             "; Expires=Thu, 01 Jan 2099 00:00:00 GMT; Max-Age=7776000; HttpOnly; Path=/");
        }
        response.keep_alive(request.keep_alive());
        if (out.truncate) {
            // A worker killed mid-answer: the header promises the whole body, half of it arrives.
            response.content_length(out.body.size());
            response.body() = out.body.substr(0, out.body.size() / 2);
            http::serializer<false, http::string_body> serializer(response);
            serializer.split(true);
            co_await http::async_write_header(stream, serializer, kToken);
            co_await asio::async_write(stream, asio::buffer(response.body()), kToken);
            break;
        }
        response.body() = std::move(out.body);
        response.prepare_payload();
        auto [wec, written] = co_await http::async_write(stream, response, kToken);
        if (wec || !response.keep_alive()) break;
    }
}

}  // namespace plcbridge::sim
