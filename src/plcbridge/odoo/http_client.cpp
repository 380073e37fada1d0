#include "plcbridge/odoo/http_client.hpp"

#include <charconv>

#include <fmt/format.h>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/scheme.hpp>

#include "plcbridge/odoo/errc.hpp"
#include "plcbridge/odoo/tls_context.hpp"

namespace plcbridge::odoo {

namespace {

Error bad_user_info() {
    return make_error(Errc::protocol,
                      "[odoo] url has a user name or password in it (user:password@host): put them in [odoo] login "
                      "and [odoo] password, and give the URL as http(s)://host:port");
}

}  // namespace

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using asio::ip::tcp;
namespace ssl = asio::ssl;

Result<HttpTarget> parse_http_url(const std::string& url) {
    auto bad = [&](const std::string& why) {
        return make_error(Errc::protocol, fmt::format("[odoo] url '{}': {}", url, why));
    };
    const auto parsed = boost::urls::parse_uri(url);
    if (!parsed) {
        // A password in a URL that does not even parse must not be repeated either.
        if (url.find('@') != std::string::npos) return bad_user_info();
        return bad("not a URL (expected http://host[:port][/prefix] or https://...)");
    }
    const boost::urls::url_view& u = *parsed;
    // A URL with user-info is never repeated, not even in its own error message: it holds a password.
    if (u.has_userinfo()) return bad_user_info();
    HttpTarget target;
    const std::string scheme = u.scheme();  // Boost.URL keeps the case; schemes are case-insensitive
    if (boost::urls::string_to_scheme(scheme) == boost::urls::scheme::https) {
        target.tls = true;
        target.port = 443;
    } else if (boost::urls::string_to_scheme(scheme) != boost::urls::scheme::http) {
        return bad("expected http://host[:port] or https://host[:port]");
    }
    target.host = u.host_address();  // an IPv6 literal without its brackets
    if (target.host.empty()) return bad("no host");
    if (u.has_port()) {
        if (u.port().empty() || u.port_number() == 0) return bad("bad port");
        target.port = u.port_number();
    }
    if (u.has_query() || u.has_fragment()) return bad("a query or fragment has no place in the base URL");
    target.base_path = u.path();
    while (target.base_path.ends_with('/'))
        target.base_path.pop_back();
    return target;
}

struct HttpClient::Connection {
    Connection(asio::any_io_executor ex, HttpTarget t, std::shared_ptr<ssl::context> context, bool check,
               std::chrono::milliseconds deadline, std::size_t body_cap)
        : executor(ex),
          target(std::move(t)),
          tls(std::move(context)),
          verify(check),
          timeout(deadline),
          max_body(body_cap) {}

    asio::any_io_executor executor;
    HttpTarget target;
    std::shared_ptr<ssl::context> tls;
    bool verify;
    std::chrono::milliseconds timeout;
    std::size_t max_body;
    // One of the two, made at each connect (an SSL stream cannot be reused after its connection).
    std::unique_ptr<beast::tcp_stream> plain;
    std::unique_ptr<beast::ssl_stream<beast::tcp_stream>> secure;
    beast::flat_buffer buffer;
    bool open = false;

    beast::tcp_stream& tcp() { return secure ? beast::get_lowest_layer(*secure) : *plain; }

    void close() {
        if (plain || secure) {
            beast::error_code ignored;
            tcp().socket().shutdown(tcp::socket::shutdown_both, ignored);
            tcp().close();
        }
        plain.reset();
        secure.reset();
        buffer.clear();
        open = false;
    }
};

HttpClient::HttpClient(asio::any_io_executor executor, HttpTarget target, std::shared_ptr<ssl::context> tls,
                       bool verify, std::chrono::milliseconds timeout, std::size_t max_body_bytes)
    : connection_(
          std::make_unique<Connection>(executor, std::move(target), std::move(tls), verify, timeout, max_body_bytes)) {}

HttpClient::~HttpClient() = default;

std::string HttpClient::describe() const {
    const HttpTarget& t = connection_->target;
    const bool ipv6 = t.host.find(':') != std::string::npos;
    return fmt::format("{}://{}{}{}:{}{}", t.tls ? "https" : "http", ipv6 ? "[" : "", t.host, ipv6 ? "]" : "", t.port,
                       t.base_path);
}

namespace {

/// Resolves, connects and (for https) shakes hands; every step within the connection's deadline.
asio::awaitable<Result<void>> connect(HttpClient::Connection& c, const std::string& describe) {
    auto token = asio::as_tuple(asio::use_awaitable);
    auto fail = [&](const std::string& step, const std::string& why) {
        c.close();
        return make_error(Errc::transient, fmt::format("{} {}: {}", step, describe, why));
    };
    if (c.target.tls) {
        c.secure = std::make_unique<beast::ssl_stream<beast::tcp_stream>>(c.executor, *c.tls);
        if (auto ready = expect_peer(c.secure->native_handle(), c.target.host, c.verify); !ready)
            co_return std::move(ready).error();
    } else {
        c.plain = std::make_unique<beast::tcp_stream>(c.executor);
    }
    tcp::resolver resolver(c.executor);
    c.tcp().expires_after(c.timeout);
    const std::string service = std::to_string(c.target.port);
    auto [rec, endpoints] = co_await resolver.async_resolve(c.target.host, service, token);
    if (rec) co_return fail("resolve", rec.message());
    auto [cec, endpoint] = co_await c.tcp().async_connect(endpoints, token);
    if (cec == beast::error::timeout)
        co_return fail("connect", fmt::format("timed out after {} ms", c.timeout.count()));
    if (cec) co_return fail("connect", cec.message());
    if (c.secure) {
        c.tcp().expires_after(c.timeout);
        auto [hec] = co_await c.secure->async_handshake(ssl::stream_base::client, token);
        if (hec) co_return fail("TLS handshake with", handshake_failure(c.secure->native_handle(), hec));
    }
    c.open = true;
    co_return Result<void>{};
}

template <class Stream>
asio::awaitable<std::tuple<beast::error_code, std::size_t>> write_request(
    Stream& stream, const http::request<http::string_body>& request) {
    co_return co_await http::async_write(stream, request, asio::as_tuple(asio::use_awaitable));
}

template <class Stream>
asio::awaitable<std::tuple<beast::error_code, std::size_t>> read_response(
    Stream& stream, beast::flat_buffer& buffer, http::response_parser<http::string_body>& parser) {
    co_return co_await http::async_read(stream, buffer, parser, asio::as_tuple(asio::use_awaitable));
}

}  // namespace

asio::awaitable<Result<HttpResponse>> HttpClient::post_json(std::string path, std::string body,
                                                            std::optional<std::string> session_id, bool get) {
    Connection& c = *connection_;
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
            if (auto connected = co_await connect(c, describe()); !connected) co_return std::move(connected).error();
        }
        c.tcp().expires_after(c.timeout);
        beast::error_code wec;
        if (c.secure) {
            std::tie(wec, std::ignore) = co_await write_request(*c.secure, request);
        } else {
            std::tie(wec, std::ignore) = co_await write_request(*c.plain, request);
        }
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
        beast::error_code rec;
        std::size_t read = 0;
        if (c.secure) {
            std::tie(rec, read) = co_await read_response(*c.secure, c.buffer, parser);
        } else {
            std::tie(rec, read) = co_await read_response(*c.plain, c.buffer, parser);
        }
        // A server that closed an idle connection: a plain end of stream, or over TLS a close without
        // close_notify (stream_truncated).
        const bool closed = rec == http::error::end_of_stream || rec == ssl::error::stream_truncated;
        if (closed && reused && attempt == 0 && read == 0) {
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
