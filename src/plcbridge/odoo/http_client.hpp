#pragma once
/// A small HTTP/1.1 client on Boost.Beast coroutines: one keep-alive connection reused across calls,
/// a deadline on connect, write and read, a cap on the response body, and the Odoo session cookie
/// carried explicitly. Plain HTTP only (put TLS in a local proxy for now).

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include "plcbridge/core/result.hpp"

namespace plcbridge::odoo {

struct HttpResponse {
    unsigned status = 0;
    std::string content_type;
    std::string body;
    std::optional<std::string> session_id;  ///< from Set-Cookie: session_id=...
};

struct HttpTarget {
    std::string host;
    std::uint16_t port = 80;
    std::string base_path;  ///< "" or "/odoo" when Odoo sits under a prefix
};
/// "http://host:port[/prefix]"; Errc::protocol with the reason otherwise.
[[nodiscard]] Result<HttpTarget> parse_http_url(const std::string& url);

class HttpClient {
  public:
    HttpClient(boost::asio::any_io_executor executor, HttpTarget target, std::chrono::milliseconds timeout,
               std::size_t max_body_bytes);
    ~HttpClient();
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    /// POST (or, with get = true, GET) path with a JSON body — Odoo's GET-only JSON routes still
    /// want one. Transport failures (refused, timeout, reset, truncated body, body over the cap)
    /// are Errc::transient.
    boost::asio::awaitable<Result<HttpResponse>> post_json(std::string path, std::string body,
                                                           std::optional<std::string> session_id, bool get = false);
    [[nodiscard]] std::string describe() const;

  private:
    struct Connection;
    std::unique_ptr<Connection> connection_;
};

}  // namespace plcbridge::odoo
