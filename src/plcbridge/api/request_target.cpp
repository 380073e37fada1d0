#include "plcbridge/api/request_target.hpp"

#include <algorithm>
#include <charconv>

#include "plcbridge/core/hex.hpp"
#include "plcbridge/core/utf8.hpp"

namespace plcbridge::api {

namespace {

std::optional<std::string> decode_component(std::string_view in) {
    std::string out;
    out.reserve(in.size());
    for (std::size_t i = 0; i < in.size(); ++i) {
        if (in[i] == '+') {
            out.push_back(' ');
        } else if (in[i] == '%') {
            if (i + 2 >= in.size()) return std::nullopt;
            const int hi = hex_digit_value(in[i + 1]);
            const int lo = hex_digit_value(in[i + 2]);
            if (hi < 0 || lo < 0) return std::nullopt;
            out.push_back(static_cast<char>(hi * 16 + lo));
            i += 2;
        } else {
            out.push_back(in[i]);
        }
    }
    return out;
}

}  // namespace

std::optional<std::string> invalid_utf8_part(const RequestTarget& target) {
    if (!is_valid_utf8(target.path)) return std::string("the path");
    for (const auto& [key, value] : target.query) {
        if (!is_valid_utf8(key)) return std::string("a query parameter name");
        if (!is_valid_utf8(value)) return "the query parameter '" + key + "'";
    }
    return std::nullopt;
}

std::optional<RequestTarget> parse_target(std::string_view target) {
    RequestTarget out;
    const auto q = target.find('?');
    auto path = decode_component(target.substr(0, q));
    if (!path) return std::nullopt;
    out.path = std::move(*path);
    if (q == std::string_view::npos) return out;
    std::string_view rest = target.substr(q + 1);
    while (!rest.empty()) {
        const auto amp = rest.find('&');
        const std::string_view pair = rest.substr(0, amp);
        rest = amp == std::string_view::npos ? std::string_view{} : rest.substr(amp + 1);
        if (pair.empty()) continue;
        const auto eq = pair.find('=');
        auto key = decode_component(pair.substr(0, eq));
        auto value = decode_component(eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1));
        if (!key || !value) return std::nullopt;
        out.query.insert_or_assign(std::move(*key), std::move(*value));
    }
    return out;
}

std::optional<long long> parse_whole_number(std::string_view text, long long min, long long max) {
    long long value = 0;
    const auto* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc{} || ptr != end || value < min || value > max) return std::nullopt;
    return value;
}

std::optional<bool> parse_flag(std::string_view text) {
    if (text == "true" || text == "1") return true;
    if (text == "false" || text == "0") return false;
    return std::nullopt;
}

bool bearer_matches(std::string_view authorization, std::string_view token) {
    // The scheme is case-insensitive (RFC 7235 2.1), followed by one or more spaces.
    constexpr std::string_view kScheme = "bearer";
    if (token.empty() || authorization.size() <= kScheme.size()) return false;
    for (std::size_t i = 0; i < kScheme.size(); ++i) {
        const char c = authorization[i];
        if ((c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c) != kScheme[i]) return false;
    }
    std::string_view given = authorization.substr(kScheme.size());
    if (given.front() != ' ') return false;
    given.remove_prefix(std::min(given.find_first_not_of(' '), given.size()));
    // Length is not secret; the content is compared without an early exit.
    if (given.size() != token.size()) return false;
    unsigned char diff = 0;
    for (std::size_t i = 0; i < token.size(); ++i)
        diff |= static_cast<unsigned char>(given[i] ^ token[i]);
    return diff == 0;
}

}  // namespace plcbridge::api
