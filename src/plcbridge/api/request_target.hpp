#pragma once
/// Pure helpers for the API's requests: the target split into a path and decoded query
/// parameters, integers that must be whole and in range, and the bearer-token check.

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace plcbridge::api {

struct RequestTarget {
    std::string path;
    std::map<std::string, std::string, std::less<>> query;  ///< percent- and '+'-decoded; last one wins
};

/// nullopt when a percent escape is malformed ("%G1", "%4").
[[nodiscard]] std::optional<RequestTarget> parse_target(std::string_view target);
/// Which part of a decoded target is not valid UTF-8 ("the path", "the query parameter 'status'",
/// "a query parameter name"), or nullopt when all of it is. Text that is not UTF-8 is refused at the
/// door: it could not be logged, stored or answered as JSON.
[[nodiscard]] std::optional<std::string> invalid_utf8_part(const RequestTarget& target);
/// Decimal digits only (an optional leading '-'), within [min, max].
[[nodiscard]] std::optional<long long> parse_whole_number(std::string_view text, long long min, long long max);
/// "true"/"1" and "false"/"0".
[[nodiscard]] std::optional<bool> parse_flag(std::string_view text);
/// `Authorization: Bearer <token>` (the scheme in any case); compares in constant time so the token cannot be guessed
/// by timing.
[[nodiscard]] bool bearer_matches(std::string_view authorization, std::string_view token);

}  // namespace plcbridge::api
