#include "plcbridge/api/responses.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "plcbridge/store/errc.hpp"

namespace plcbridge::api {

HttpResponse json_response(unsigned status, const Json& body) {
    // Never throws: a stored text that is not UTF-8 (from an older version) is answered with U+FFFD.
    return HttpResponse{status, "application/json", body.dump(-1, ' ', false, Json::error_handler_t::replace), {}};
}

HttpResponse error_response(unsigned status, std::string_view code, std::string_view message) {
    return HttpResponse{status, "application/json", error_body(code, message), {}};
}

HttpResponse method_not_allowed(std::string_view allowed) {
    HttpResponse r = error_response(405, "method_not_allowed", fmt::format("use {} for this path", allowed));
    r.headers.emplace_back("Allow", std::string(allowed));
    return r;
}

HttpResponse database_unavailable(const Error& error) {
    // A standby (or a leader whose lease ended) answers reads but changes nothing of the line.
    if (error.code == store::Errc::fenced) {
        return error_response(409, "not_leader",
                              error.message() +
                                  "; make this change on the instance that drives the line (see "
                                  "/api/health line.leader)");
    }
    return error_response(503, "database_unavailable",
                          "the database did not answer: " + error.message() + "; nothing was changed, try again");
}

/// The body as a JSON object; an empty body is an empty object. The error's detail is the answer's message.
Result<Json> body_object(const std::string& body) {
    if (body.empty()) return Json::object();
    Json parsed = Json::parse(body, nullptr, false);
    if (parsed.is_discarded())
        return Error{std::make_error_code(std::errc::invalid_argument), "the request body is not valid JSON"};
    if (!parsed.is_object())
        return Error{std::make_error_code(std::errc::invalid_argument), "the request body must be a JSON object"};
    return parsed;
}

std::optional<std::string> unknown_key(const Json& object, std::initializer_list<std::string_view> known) {
    for (const auto& [key, value] : object.items()) {
        if (std::find(known.begin(), known.end(), key) == known.end()) return key;
    }
    return std::nullopt;
}

std::variant<Page, HttpResponse> page_of(const RequestTarget& target) {
    Page page;
    if (auto it = target.query.find("limit"); it != target.query.end()) {
        auto limit = parse_whole_number(it->second, 1, kMaxPage);
        if (!limit) {
            return error_response(400, "bad_request",
                                  fmt::format("limit '{}' is not a whole number in 1..{}", it->second, kMaxPage));
        }
        page.limit = static_cast<int>(*limit);
    }
    if (auto it = target.query.find("offset"); it != target.query.end()) {
        auto offset = parse_whole_number(it->second, 0, 1'000'000'000);
        if (!offset) {
            return error_response(400, "bad_request",
                                  fmt::format("offset '{}' is not a whole number >= 0", it->second));
        }
        page.offset = static_cast<int>(*offset);
    }
    return page;
}

}  // namespace plcbridge::api
