#include "plcbridge/api/console_auth.hpp"

#include <fmt/format.h>

#include "plcbridge/api/request_target.hpp"
#include "plcbridge/auth/cookies.hpp"

namespace plcbridge::api {

namespace {

auth::Role needed_role(Need need) {
    switch (need) {
        case Need::anyone:
        case Need::viewer: return auth::Role::viewer;
        case Need::operator_role: return auth::Role::operator_role;
        case Need::admin: return auth::Role::admin;
    }
    return auth::Role::admin;
}

}  // namespace

std::optional<Refusal> refusal_for(const Caller& caller, Need need, bool state_changing, std::string_view csrf_header) {
    if (need == Need::anyone) return std::nullopt;
    switch (caller.via) {
        case Caller::Via::token:
        case Caller::Via::open: return std::nullopt;
        case Caller::Via::bad_token:
        case Caller::Via::nobody:
            return Refusal{401, "unauthorized",
                           "this path needs the header 'Authorization: Bearer <token>' with the token of [api] token, "
                           "or a console session (sign in at /)"};
        case Caller::Via::session: break;
    }
    if (!auth::role_allows(caller.role, needed_role(need))) {
        return Refusal{403, "forbidden",
                       fmt::format("the account '{}' is a {}; this needs the {} role: ask an admin", caller.name,
                                   auth::role_name(caller.role), auth::role_name(needed_role(need)))};
    }
    if (state_changing && (csrf_header.empty() || csrf_header != caller.csrf)) {
        return Refusal{403, "csrf_failed",
                       "the request lacks this session's X-CSRF-Token header: reload the console and try again"};
    }
    return std::nullopt;
}

ConsoleAuth::ConsoleAuth(std::string token, std::function<std::string()> make_token)
    : token_(std::move(token)), sessions_(std::move(make_token)) {}

Caller ConsoleAuth::identify(const HttpRequest& request, auth::SteadyTime now) {
    if (!request.authorization.empty()) {
        if (!token_.empty() && bearer_matches(request.authorization, token_))
            return Caller{Caller::Via::token, std::string(kTokenActor), auth::Role::admin, {}, {}, {}};
        if (!token_.empty()) return Caller{Caller::Via::bad_token, {}, auth::Role::viewer, {}, {}, {}};
    }
    if (auto id = auth::cookie_value(request.cookie, auth::kSessionCookie)) {
        if (auto session = sessions_.find(*id, now))
            return Caller{Caller::Via::session, session->username, session->role,
                          session->id,          session->csrf,     session->credential};
    }
    if (token_.empty()) return Caller{Caller::Via::open, std::string(kOpenActor), auth::Role::admin, {}, {}, {}};
    return Caller{};
}

}  // namespace plcbridge::api
