#include "plcbridge/app/user_command.hpp"

#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include <fmt/format.h>

#include "plcbridge/app/config.hpp"
#include "plcbridge/app/config_source.hpp"
#include "plcbridge/app/existing_database.hpp"
#include "plcbridge/app/operator_accounts.hpp"
#include "plcbridge/app/plc_target.hpp"
#include "plcbridge/store/sql_repository.hpp"

namespace plcbridge::app {

namespace {

/// "cli:<login name>" for the audit trail: who ran the command on the plant PC.
std::string cli_actor() {
    const char* user = std::getenv("SUDO_USER");
    if (user == nullptr || *user == '\0') user = std::getenv("USER");
    return fmt::format("cli:{}", user != nullptr && *user != '\0' ? user : "unknown");
}

/// One line from standard input without its line end; a prompt when it is a terminal.
std::optional<std::string> read_password(const std::string& username) {
    if (::isatty(STDIN_FILENO) != 0) std::cerr << fmt::format("password for '{}' (input is shown): ", username);
    std::string line;
    if (!std::getline(std::cin, line)) return std::nullopt;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
}

}  // namespace

int user_command(const UserArgs& args) {
    auto config = load_command_config(args.config_path, ConfigUse::touches_database);
    if (!config) return fail(kExitBadUsage, config.error().message());
    auto url = store::parse_database_url(config->database.url);
    if (!url) return fail(kExitBadUsage, url.error().message());
    if (auto exists = existing_database(*url); !exists) return fail(kExitBadUsage, exists.error().detail);
    auto repo = store::SqlRepository::open(*url);
    if (!repo) return fail(kExitBadUsage, repo.error().message());
    store::Repository& r = **repo;
    const std::string actor = cli_actor();

    if (args.action == "list") {
        auto accounts = r.operators();
        if (!accounts) return fail(kExitRuntimeFailure, accounts.error().message());
        for (const auto& a : *accounts)
            std::cout << fmt::format("{}\t{}\t{}\n", a.username, a.role, a.disabled ? "disabled" : "enabled");
        return kExitOk;
    }
    if (args.username.empty()) return fail(kExitBadUsage, fmt::format("user {} needs NAME", args.action));
    Result<void> done;
    if (args.action == "add" || args.action == "passwd") {
        auto password = read_password(args.username);
        if (!password) return fail(kExitBadUsage, "no password on standard input: pipe one line, e.g. from a file");
        done = args.action == "add" ? add_account(r, actor, args.username, args.role, *password)
                                    : set_password(r, actor, args.username, *password);
    } else if (args.action == "disable" || args.action == "enable") {
        done = set_disabled(r, actor, args.username, args.action == "disable");
    } else {
        return fail(kExitBadUsage,
                    fmt::format("unknown user action '{}': use add, passwd, disable, enable or list", args.action));
    }
    if (!done) {
        const bool bad_input = done.error().code == std::errc::invalid_argument;
        return fail(bad_input ? kExitBadUsage : kExitRuntimeFailure,
                    fmt::format("user {} {}: {}", args.action, args.username, done.error().detail));
    }
    std::cout << fmt::format("user {} {}: done{}\n", args.action, args.username,
                             args.action == "add" ? " (role " + args.role + ")" : "");
    return kExitOk;
}

}  // namespace plcbridge::app
