#include "plcbridge/app/operator_accounts.hpp"

#include <fmt/format.h>

#include "plcbridge/auth/password_hash.hpp"
#include "plcbridge/auth/role.hpp"

namespace plcbridge::app {

namespace {

constexpr std::size_t kMaxUsername = 64;

Error invalid(std::string detail) {
    return Error{std::make_error_code(std::errc::invalid_argument), std::move(detail)};
}

/// The audit row of an account change; the change and its row are two writes, the row second:
/// a row never claims a change that did not happen.
void audit(store::Repository& repo, const std::string& actor, std::string action, const std::string& username,
           std::string outcome) {
    (void)repo.append_audit(
        {0, std::chrono::system_clock::now(), actor, std::move(action), "account " + username, "", std::move(outcome)});
}

Result<std::string> hashed(const std::string& password) {
    if (auto problem = auth::password_problem(password)) return invalid(*problem);
    return auth::hash_password(password);
}

}  // namespace

std::optional<std::string> username_problem(std::string_view name) {
    if (name.empty()) return std::string("the account name is empty");
    if (name.size() > kMaxUsername) return fmt::format("the account name is longer than {} bytes", kMaxUsername);
    for (char ch : name) {
        const auto byte = static_cast<unsigned char>(ch);
        if (byte <= 0x20 || byte == 0x7f) return std::string("the account name contains a space or control character");
    }
    return std::nullopt;
}

Result<void> add_account(store::Repository& repo, const std::string& actor, const std::string& username,
                         const std::string& role, const std::string& password) {
    if (auto problem = username_problem(username)) return invalid(*problem);
    if (!auth::parse_role(role)) return invalid(fmt::format("role '{}' is not one of viewer, operator, admin", role));
    auto hash = hashed(password);
    if (!hash) return std::move(hash).error();
    store::OperatorAccount account;
    account.username = username;
    account.role = role;
    account.password_hash = *hash;
    auto added = repo.add_operator(account, std::chrono::system_clock::now());
    if (!added) return std::move(added).error();
    audit(repo, actor, "account_add", username, "ok: role " + role);
    return {};
}

Result<void> set_password(store::Repository& repo, const std::string& actor, const std::string& username,
                          const std::string& password) {
    auto hash = hashed(password);
    if (!hash) return std::move(hash).error();
    store::OperatorChange change;
    change.password_hash = *hash;
    if (auto changed = repo.change_operator(username, change, std::chrono::system_clock::now()); !changed)
        return changed;
    audit(repo, actor, "account_password", username, "ok");
    return {};
}

Result<void> set_disabled(store::Repository& repo, const std::string& actor, const std::string& username,
                          bool disabled) {
    store::OperatorChange change;
    change.disabled = disabled;
    if (auto changed = repo.change_operator(username, change, std::chrono::system_clock::now()); !changed)
        return changed;
    audit(repo, actor, disabled ? "account_disable" : "account_enable", username, "ok");
    return {};
}

}  // namespace plcbridge::app
