#include "plcbridge/odoo/http_client.hpp"

#include <charconv>

#include <fmt/format.h>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "plcbridge/odoo/errc.hpp"

namespace plcbridge::odoo {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using asio::ip::tcp;

Result<HttpTarget> parse_http_url(const std::string& url) {
    constexpr std::string_view kScheme = "http://";
    const auto scheme_end = url.find("://");
    const std::string_view after_scheme =
        scheme_end == std::string::npos ? std::string_view(url) : std::string_view(url).substr(scheme_end + 3);
    const auto slash = after_scheme.find('/');
    std::string_view authority = after_scheme.substr(0, slash);
    // A URL with user-info is never repeated, not even in its own error message: it holds a password.
    if (authority.find('@') != std::string_view::npos) {
        return make_error(Errc::protocol,
                          "[odoo] url has a user name or password in it (user:password@host): put them in [odoo] "
                          "login and [odoo] password, and give the URL as http://host:port");
    }
    auto bad = [&](const std::string& why) {
        return make_error(Errc::protocol, fmt::format("[odoo] url '{}': {}", url, why));
    };
    if (url.starts_with("https://")) return bad("https is not supported yet: point it at a local TLS proxy (http://)");
    if (!url.starts_with(kScheme)) return bad("expected http://host:port");
    HttpTarget target;
    if (slash != std::string_view::npos) target.base_path = std::string(after_scheme.substr(slash));
    while (target.base_path.ends_with('/'))
        target.base_path.pop_back();
    const auto colon = authority.rfind(':');
    target.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) {
        unsigned port = 0;
        std::string_view p = authority.substr(colon + 1);
        auto [end, ec] = std::from_chars(p.data(), p.data() + p.size(), port);
        if (ec != std::errc{} || end != p.data() + p.size() || port == 0 || port > 65535) return bad("bad port");
        target.port = static_cast<std::uint16_t>(port);
    }
    if (target.host.empty()) return bad("no host");
    return target;
}

struct HttpClient::Connection {
    Connection(asio::any_io_executor ex, HttpTarget t, std::chrono::milliseconds deadline, std::size_t body_cap)
        : executor(ex), target(std::move(t)), timeout(deadline), max_body(body_cap), stream(ex) {}

    asio::any_io_executor executor;
    HttpTarget target;
    std::chrono::milliseconds timeout;
    std::size_t max_body;
    beast::tcp_stream stream;
    beast::flat_buffer buffer;
    bool open = false;

    void close() {
        beast::error_code ignored;
        stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
        stream.close();
        buffer.clear();
        open = false;
    }
};

HttpClient::HttpClient(asio::any_io_executor executor, HttpTarget target, std::chrono::milliseconds timeout,
                       std::size_t max_body_bytes)
    : connection_(std::make_unique<Connection>(executor, std::move(target), timeout, max_body_bytes)) {}

HttpClient::~HttpClient() = default;

std::string HttpClient::describe() const {
    return fmt::format("http://{}:{}{}", connection_->target.host, connection_->target.port,
                       connection_->target.base_path);
}

asio::awaitable<Result<HttpResponse>> HttpClient::post_json(std::string path, std::string body,
                                                            std::optional<std::string> session_id, bool get) {
    Connection& c = *connection_;
    auto token = asio::as_tuple(asio::use_awaitable);
    auto fail = [&](const std::string& step, const beast::error_code& ec) {
        c.close();
        const bool timeout = ec == beast::error::timeout;
        return make_error(Errc::transient,
                          fmt::format("{} {}{}: {} {}", step, describe(), path, timeout ? "timed out after" : "failed:",
                                      timeout ? fmt::format("{} ms", c.timeout.count()) : ec.message()));
    };

    http::request<http::string_body> request{get ? http::verb::get : http::verb::post, c.target.base_path + path, 11};
    request.set(http::field::host, c.target.host);
    request.set(http::field::content_type, "application/json");
    request.set(http::field::user_agent, "plcbridge");
    if (session_id) request.set(http::field::cookie, "session_id=" + *session_id);
    request.keep_alive(true);
    request.body() = body;
    request.prepare_payload();

    // A reused keep-alive connection may have been closed by the server meanwhile: then (and only
    // then, before any answer byte) send once more on a fresh connection.
    for (int attempt = 0; attempt < 2; ++attempt) {
        const bool reused = c.open;
        if (!c.open) {
            tcp::resolver resolver(c.executor);
            c.stream.expires_after(c.timeout);
            const std::string service = std::to_string(c.target.port);
            auto [rec, endpoints] = co_await resolver.async_resolve(c.target.host, service, token);
            if (rec) co_return fail("resolve", rec);
            auto [cec, endpoint] = co_await c.stream.async_connect(endpoints, token);
            if (cec) co_return fail("connect", cec);
            c.open = true;
        }
        c.stream.expires_after(c.timeout);
        auto [wec, written] = co_await http::async_write(c.stream, request, token);
        if (wec) {
            if (reused && attempt == 0) {
                c.close();
                continue;
            }
            co_return fail("POST", wec);
        }
        http::response_parser<http::string_body> parser;
        parser.body_limit(c.max_body);
        parser.header_limit(64 * 1024);
        auto [rec, read] = co_await http::async_read(c.stream, c.buffer, parser, token);
        if (rec == http::error::end_of_stream && reused && attempt == 0 && read == 0) {
            c.close();
            continue;
        }
        if (rec == http::error::body_limit) {
            c.close();
            co_return make_error(Errc::transient,
                                 fmt::format("{} answered {} with more than {} bytes", describe(), path, c.max_body));
        }
        if (rec) co_return fail("reading the answer to", rec);

        auto& response = parser.get();
        HttpResponse out;
        out.status = response.result_int();
        out.content_type = std::string(response[http::field::content_type]);
        out.body = std::move(response.body());
        for (const auto& field : response) {
            if (field.name() != http::field::set_cookie) continue;
            std::string_view value = field.value();
            if (!value.starts_with("session_id=")) continue;
            value.remove_prefix(11);
            out.session_id = std::string(value.substr(0, value.find(';')));
        }
        if (!response.keep_alive()) c.close();
        co_return out;
    }
    co_return make_error(Errc::transient, describe() + ": connection closed twice");
}

}  // namespace plcbridge::odoo
