#pragma once
/// What the server makes of the bytes of one request, apart from the socket: the limits, the
/// answer to a request that could not be read (413 over a limit, 400 for what is not HTTP/1.x,
/// nothing when the client just went away), and the request the router sees (HEAD as GET).
/// The server and the HTTP fuzz target both go through here, so the fuzzer tests what runs.

#include <cstdint>
#include <optional>

#include <boost/beast/core/error.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include "plcbridge/api/http_message.hpp"

namespace plcbridge::api {

inline constexpr std::uint32_t kMaxHeaderBytes = 8 * 1024;
inline constexpr std::uint64_t kMaxBodyBytes = 64 * 1024;

using BeastRequest = boost::beast::http::request<boost::beast::http::string_body>;

/// The answer to a read that failed with `ec`, or nullopt when there is no one to answer (the
/// client closed, the read timed out).
[[nodiscard]] std::optional<HttpResponse> answer_to_unreadable(const boost::beast::error_code& ec);

/// A 400 for a request that parsed but is not one this API serves (HTTP/2.0 preface, HTTP/1.2).
[[nodiscard]] std::optional<HttpResponse> answer_to_unserved(const BeastRequest& request);

/// The request as the router takes it (moves the body out); HEAD is asked as GET.
[[nodiscard]] HttpRequest router_request(BeastRequest& request);

/// The response for `request`'s method: HEAD keeps the status and headers, with the GET body's
/// length, and drops the body.
void fit_to_method(const BeastRequest& request,
                   boost::beast::http::response<boost::beast::http::string_body>& response);

}  // namespace plcbridge::api
