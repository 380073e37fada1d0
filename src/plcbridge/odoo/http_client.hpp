#pragma once
/// A small HTTP/1.1 client on Boost.Beast coroutines: one keep-alive connection reused across calls,
/// plain or TLS (https://, docs/ODOO.md "HTTPS"), a deadline on connect, handshake, write and read, a
/// cap on the response body, and the Odoo session cookie carried explicitly.

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ssl/context.hpp>

#include "plcbridge/core/result.hpp"

namespace plcbridge::odoo {

struct HttpResponse {
    unsigned status = 0;
    std::string content_type;
    std::string body;
    std::optional<std::string> session_id;  ///< from Set-Cookie: session_id=...
};

struct HttpTarget {
    std::string host;  ///< a name, or an address (an IPv6 one without brackets)
    std::uint16_t port = 80;
    std::string base_path;  ///< "" or "/odoo" when Odoo sits under a prefix
    bool tls = false;       ///< https://
};
/// "http(s)://host[:port][/prefix]" read with Boost.URL (any case of the scheme, IPv6 literals);
/// Errc::protocol with the reason otherwise. A URL with user-info is refused without repeating it.
[[nodiscard]] Result<HttpTarget> parse_http_url(const std::string& url);

class HttpClient {
  public:
    /// `tls`: the context for an https:// target (make_tls_context), nullptr for http://.
    HttpClient(boost::asio::any_io_executor executor, HttpTarget target, std::shared_ptr<boost::asio::ssl::context> tls,
               bool verify, std::chrono::milliseconds timeout, std::size_t max_body_bytes);
    ~HttpClient();
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    /// POST (or, with get = true, GET) path with a JSON body — Odoo's GET-only JSON routes still
    /// want one. Transport failures (refused, timeout, reset, truncated body, body over the cap)
    /// are Errc::transient.
    boost::asio::awaitable<Result<HttpResponse>> post_json(std::string path, std::string body,
                                                           std::optional<std::string> session_id, bool get = false);
    [[nodiscard]] std::string describe() const;

    struct Connection;  ///< the socket (plain or TLS) and its settings; defined in the .cpp

  private:
    std::unique_ptr<Connection> connection_;
};

}  // namespace plcbridge::odoo
