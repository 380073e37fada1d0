#pragma once
// A blocking HTTP/1.1 client for tests: one request per connection to 127.0.0.1, with a deadline.

#include <sys/socket.h>
#include <sys/time.h>

#include <chrono>
#include <string>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

namespace plcbridge::testing {

struct HttpAnswer {
    unsigned status = 0;  ///< 0 when no answer arrived
    std::string body;
    std::string content_type;
    std::string error;
    [[nodiscard]] nlohmann::json json() const { return nlohmann::json::parse(body, nullptr, false); }
};

inline HttpAnswer http_call(std::uint16_t port, const std::string& method, const std::string& target,
                            const std::string& body = "", const std::string& token = "",
                            std::chrono::milliseconds deadline = std::chrono::seconds(30)) {
    namespace beast = boost::beast;
    namespace http = beast::http;
    boost::asio::io_context io;
    beast::tcp_stream stream(io);
    HttpAnswer answer;
    stream.expires_after(deadline);
    beast::error_code ec;
    stream.socket().connect({boost::asio::ip::make_address("127.0.0.1"), port}, ec);
    if (ec) {
        answer.error = ec.message();
        return answer;
    }
    // The synchronous reads below ignore the stream's expiry; the socket's own timeout bounds them.
    timeval limit{deadline.count() / 1000, 0};
    setsockopt(stream.socket().native_handle(), SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
    http::request<http::string_body> request{http::string_to_verb(method), target, 11};
    request.set(http::field::host, "127.0.0.1");
    if (!token.empty()) request.set(http::field::authorization, "Bearer " + token);
    if (!body.empty()) request.set(http::field::content_type, "application/json");
    request.body() = body;
    request.prepare_payload();
    http::write(stream, request, ec);
    beast::flat_buffer buffer;
    http::response<http::string_body> response;
    if (!ec) http::read(stream, buffer, response, ec);
    if (ec) {
        answer.error = ec.message();
        return answer;
    }
    answer.status = response.result_int();
    answer.body = response.body();
    answer.content_type = std::string(response[http::field::content_type]);
    return answer;
}

}  // namespace plcbridge::testing
