#pragma once
/// Who is asking, and may they (docs/CONSOLE.md "Accounts and roles"). Machines keep the bearer
/// token of [api] token, which may do everything as before; people sign in to the console and get
/// a session cookie whose role decides. With no token configured (a loopback-only service) the
/// admin paths stay open as they always were, unless the request carries a session: then the
/// session's role decides, so a viewer signed in on the console is refused even there.
/// A state-changing request on a session must carry the session's CSRF token in X-CSRF-Token.

#include <functional>
#include <optional>
#include <string>

#include "plcbridge/api/http_message.hpp"
#include "plcbridge/auth/login_throttle.hpp"
#include "plcbridge/auth/role.hpp"
#include "plcbridge/auth/session_table.hpp"

namespace plcbridge::api {

/// The actor name the audit trail records for a bearer-token caller and for an open admin path.
inline constexpr std::string_view kTokenActor = "api-token";
inline constexpr std::string_view kOpenActor = "api (no token configured)";

struct Caller {
    enum class Via { nobody, token, open, session, bad_token };
    Via via = Via::nobody;
    std::string name;  ///< for the audit trail
    auth::Role role = auth::Role::viewer;
    std::string session_id;
    std::string csrf;        ///< the session's token
    std::string credential;  ///< the session's password hash at sign-in
};

/// What a path needs (the router names it per route).
enum class Need { anyone, viewer, operator_role, admin };

struct Refusal {
    unsigned status = 403;
    std::string code;
    std::string message;
};

/// Pure: may `caller` do what needs `need`? `state_changing` requests on a session also need
/// `csrf_header` to equal the session's token.
[[nodiscard]] std::optional<Refusal> refusal_for(const Caller& caller, Need need, bool state_changing,
                                                 std::string_view csrf_header);

class ConsoleAuth {
  public:
    ConsoleAuth(std::string token, std::function<std::string()> make_token);

    /// Bearer first (a wrong one is bad_token, never a fallback to the cookie), then the cookie.
    [[nodiscard]] Caller identify(const HttpRequest& request, auth::SteadyTime now);
    [[nodiscard]] bool token_configured() const noexcept { return !token_.empty(); }

    auth::SessionTable& sessions() noexcept { return sessions_; }
    auth::LoginThrottle& throttle() noexcept { return throttle_; }

  private:
    std::string token_;
    auth::SessionTable sessions_;
    auth::LoginThrottle throttle_;
};

}  // namespace plcbridge::api
