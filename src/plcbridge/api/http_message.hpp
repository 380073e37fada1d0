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
};

struct HttpResponse {
    unsigned status = 200;
    std::string content_type = "application/json";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;  ///< extra ones (WWW-Authenticate, Allow)
};

}  // namespace plcbridge::api
