#pragma once
/// The answers every route builds the same way: JSON bodies, the error body with its code, 405 with
/// Allow, 503 when the database did not answer, and the checks of a JSON request body.

#include <algorithm>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "plcbridge/api/http_message.hpp"
#include "plcbridge/api/json_views.hpp"
#include "plcbridge/api/request_target.hpp"
#include "plcbridge/core/result.hpp"

namespace plcbridge::api {

/// Never throws: a stored text that is not UTF-8 (from an older version) is answered with U+FFFD.
[[nodiscard]] HttpResponse json_response(unsigned status, const Json& body);
[[nodiscard]] HttpResponse error_response(unsigned status, std::string_view code, std::string_view message);
[[nodiscard]] HttpResponse method_not_allowed(std::string_view allowed);
/// 503 for a database that did not answer; 409 `not_leader` for a change this instance may not make
/// because another instance drives the line (docs/FAILOVER.md).
[[nodiscard]] HttpResponse database_unavailable(const Error& error);
/// The body as a JSON object; an empty body is an empty object. The error's detail is the answer's message.
[[nodiscard]] Result<Json> body_object(const std::string& body);
[[nodiscard]] std::optional<std::string> unknown_key(const Json& object, std::initializer_list<std::string_view> known);

/// The largest page a list answers (limit 1..kMaxPage).
inline constexpr int kMaxPage = 1000;

/// limit and offset of a list.
struct Page {
    int limit = 50;
    int offset = 0;
};
/// The query's limit/offset (absent: the defaults), or the 400 to answer.
[[nodiscard]] std::variant<Page, HttpResponse> page_of(const RequestTarget& target);

/// The first query parameter not in `known`, or nullopt.
template <class Map>
[[nodiscard]] std::optional<std::string> unknown_param(const Map& query,
                                                       std::initializer_list<std::string_view> known) {
    for (const auto& [key, value] : query) {
        if (std::find(known.begin(), known.end(), key) == known.end()) return key;
    }
    return std::nullopt;
}

}  // namespace plcbridge::api
