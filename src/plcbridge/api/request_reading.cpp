#include "plcbridge/api/request_reading.hpp"

#include <fmt/format.h>
#include <boost/beast/http/error.hpp>

#include "plcbridge/api/json_views.hpp"

namespace plcbridge::api {

namespace http = boost::beast::http;

std::optional<HttpResponse> answer_to_unreadable(const boost::beast::error_code& ec) {
    if (ec == http::error::body_limit || ec == http::error::header_limit) {
        return HttpResponse{
            413,
            "application/json",
            error_body("too_large", fmt::format("request header or body exceeds the API's limits ({} KiB header, {} "
                                                "KiB body)",
                                                kMaxHeaderBytes / 1024, kMaxBodyBytes / 1024)),
            {}};
    }
    const bool parse_error = ec.category() == http::make_error_code(http::error::end_of_stream).category() &&
                             ec != http::error::end_of_stream && ec != http::error::partial_message;
    if (!parse_error) return std::nullopt;  // gone or too slow: nobody to tell
    // Not HTTP/1.x at all (HTTP/0.9, garbage, a malformed request line): say so before the close.
    return HttpResponse{
        400,
        "application/json",
        error_body("bad_request", "not an HTTP/1.1 request (" + ec.message() + "): this API speaks HTTP/1.1"),
        {}};
}

std::optional<HttpResponse> answer_to_unserved(const BeastRequest& request) {
    if (request.version() == 10 || request.version() == 11) return std::nullopt;
    // An HTTP/2 preface ("PRI * HTTP/2.0") parses as a request line; it is not one we serve.
    return HttpResponse{400,
                        "application/json",
                        error_body("bad_request", fmt::format("HTTP/{}.{} is not served: this API speaks HTTP/1.1",
                                                              request.version() / 10, request.version() % 10)),
                        {}};
}

HttpRequest router_request(BeastRequest& request) {
    // HEAD is GET without the body (RFC 9110, 9.3.2): the router answers it as GET.
    const bool head = request.method() == http::verb::head;
    return HttpRequest{head ? std::string("GET") : std::string(request.method_string()),
                       std::string(request.target()),
                       std::string(request[http::field::authorization]),
                       std::move(request.body()),
                       std::string(request[http::field::cookie]),
                       std::string(request["X-CSRF-Token"]),
                       {},
                       std::string(request[http::field::content_type])};
}

void fit_to_method(const BeastRequest& request, http::response<http::string_body>& response) {
    if (request.method() != http::verb::head) return;
    const auto length = response.body().size();
    response.body().clear();
    response.content_length(length);
}

}  // namespace plcbridge::api
