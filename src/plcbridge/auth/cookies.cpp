#include "plcbridge/auth/cookies.hpp"

#include <fmt/format.h>

#include "plcbridge/auth/session_table.hpp"

namespace plcbridge::auth {

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

}  // namespace

std::optional<std::string> cookie_value(std::string_view header, std::string_view name) {
    while (!header.empty()) {
        const auto end = header.find(';');
        const std::string_view pair = trim(header.substr(0, end));
        header = end == std::string_view::npos ? std::string_view{} : header.substr(end + 1);
        const auto eq = pair.find('=');
        if (eq == std::string_view::npos) continue;
        if (trim(pair.substr(0, eq)) == name) return std::string(trim(pair.substr(eq + 1)));
    }
    return std::nullopt;
}

std::string session_cookie(std::string_view id, bool secure) {
    const auto max_age = std::chrono::duration_cast<std::chrono::seconds>(SessionTable::kMaxAge).count();
    return fmt::format("{}={}; Path=/; HttpOnly; SameSite=Strict; Max-Age={}{}", kSessionCookie, id, max_age,
                       secure ? "; Secure" : "");
}

std::string cleared_session_cookie(bool secure) {
    return fmt::format("{}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0{}", kSessionCookie, secure ? "; Secure" : "");
}

}  // namespace plcbridge::auth
