#include "plcbridge/auth/role.hpp"

namespace plcbridge::auth {

std::string_view role_name(Role role) noexcept {
    switch (role) {
        case Role::viewer: return "viewer";
        case Role::operator_role: return "operator";
        case Role::admin: return "admin";
    }
    return "viewer";
}

std::optional<Role> parse_role(std::string_view text) noexcept {
    for (Role r : {Role::viewer, Role::operator_role, Role::admin}) {
        if (role_name(r) == text) return r;
    }
    return std::nullopt;
}

}  // namespace plcbridge::auth
