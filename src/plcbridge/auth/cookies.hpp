#pragma once
/// The console's session cookie: read from a Cookie header, and the Set-Cookie values that give and
/// take it. HttpOnly (page scripts cannot read it), SameSite=Strict (no other site's page sends it),
/// Path=/; Secure is added when the service is reached over HTTPS through a proxy that says so.

#include <optional>
#include <string>
#include <string_view>

namespace plcbridge::auth {

inline constexpr std::string_view kSessionCookie = "plcbridge_session";

/// The value of cookie `name` in a Cookie header ("a=1; b=2"), or nullopt.
[[nodiscard]] std::optional<std::string> cookie_value(std::string_view header, std::string_view name);

[[nodiscard]] std::string session_cookie(std::string_view id, bool secure);
[[nodiscard]] std::string cleared_session_cookie(bool secure);

}  // namespace plcbridge::auth
