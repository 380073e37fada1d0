#pragma once
/// One HTTP request and its answer as the API router sees them: only what the routes use. The
/// server (api_server) moves them to and from Beast; the router never touches a socket.

#include <string>
#include <vector>

namespace plcbridge::api {

struct HttpRequest {
    std::string method;  ///< "GET", "POST"
    std::string target;  ///< path and query, as sent
    std::string authorization;
    std::string body;
    std::string cookie;      ///< the Cookie header (the console's session)
    std::string csrf_token;  ///< X-CSRF-Token
    std::string client;      ///< the peer's address, for sign-in throttling
    std::string content_type;
};

struct HttpResponse {
    unsigned status = 200;
    std::string content_type = "application/json";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;  ///< extra ones (WWW-Authenticate, Allow)
    /// GET /api/events: the server keeps the connection and sends Server-Sent Events from
    /// ApiRouter::next_event instead of this body.
    bool event_stream = false;
    std::size_t stream_line = 0;  ///< which served line the stream is about (ApiRouter's order)
};

}  // namespace plcbridge::api
