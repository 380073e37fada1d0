#pragma once
/// The three kinds of console account (docs/CONSOLE.md "Accounts and roles"): a viewer looks, an
/// operator also acts on batches (manual cancel, retry, acknowledge), an admin also runs the
/// scheduler. Each role can do everything the one before it can.

#include <optional>
#include <string_view>

namespace plcbridge::auth {

enum class Role { viewer, operator_role, admin };

[[nodiscard]] std::string_view role_name(Role role) noexcept;
[[nodiscard]] std::optional<Role> parse_role(std::string_view text) noexcept;
/// True when an account with `held` may do what needs `needed`.
[[nodiscard]] constexpr bool role_allows(Role held, Role needed) noexcept {
    return static_cast<int>(held) >= static_cast<int>(needed);
}

}  // namespace plcbridge::auth
