#pragma once
/// Console accounts from the command line (`plcbridge user add|passwd|disable|enable|list`) and the
/// demo's first admin: the checks (name, role, password policy), the Argon2id hash and the audit row
/// ("cli:<login>" did it), on the repository directly. docs/CONSOLE.md "Accounts and roles".

#include <string>

#include "plcbridge/core/result.hpp"
#include "plcbridge/store/repository.hpp"

namespace plcbridge::app {

/// Why a name cannot be an account name (empty, too long, a space or control character), or nullopt.
[[nodiscard]] std::optional<std::string> username_problem(std::string_view name);

[[nodiscard]] Result<void> add_account(store::Repository& repo, const std::string& actor, const std::string& username,
                                       const std::string& role, const std::string& password);
[[nodiscard]] Result<void> set_password(store::Repository& repo, const std::string& actor, const std::string& username,
                                        const std::string& password);
[[nodiscard]] Result<void> set_disabled(store::Repository& repo, const std::string& actor, const std::string& username,
                                        bool disabled);

}  // namespace plcbridge::app
