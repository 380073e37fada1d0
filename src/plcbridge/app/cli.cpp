#include "plcbridge/app/cli.hpp"

#include <charconv>
#include <functional>
#include <iostream>
#include <memory>
#include <optional>
#include <vector>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "plcbridge/app/cancel_command.hpp"
#include "plcbridge/app/check_command.hpp"
#include "plcbridge/app/config_source.hpp"
#include "plcbridge/app/demo_command.hpp"
#include "plcbridge/app/exit_codes.hpp"
#include "plcbridge/app/map_import.hpp"
#include "plcbridge/app/migrate_command.hpp"
#include "plcbridge/app/odoo_commands.hpp"
#include "plcbridge/app/plc_commands.hpp"
#include "plcbridge/app/plc_sim_command.hpp"
#include "plcbridge/app/run_command.hpp"
#include "plcbridge/app/user_command.hpp"
#include "plcbridge/app/version.hpp"

namespace plcbridge::app {
namespace {

void add_target_options(CLI::App& command, PlcTarget& target) {
    command.add_option("--config", target.config_path, "service configuration (TOML); its [plc] section is used");
    command.add_option("--host", target.host, "PLC address (overrides plc.host)");
    command.add_option("--port", target.port, "PLC FINS port (overrides plc.port)");
    command.add_option("--transport", target.transport, "udp or tcp (overrides plc.transport)");
}

std::optional<fins::EndCode> parse_end_code(const std::string& text) {
    unsigned value = 0;
    std::string_view digits = text;
    if (digits.starts_with("0x") || digits.starts_with("0X")) digits.remove_prefix(2);
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value, 16);
    if (digits.empty() || ec != std::errc{} || end != digits.data() + digits.size() || value > 0xFFFF) {
        return std::nullopt;
    }
    return fins::EndCode::from_raw(static_cast<std::uint16_t>(value));
}

/// A subcommand and what runs when it is the one chosen. Its options are bound to state the action
/// holds, so each declaration below is one piece: its options and its call.
struct Command {
    CLI::App* cli;
    std::function<int()> action;
};
using Commands = std::vector<Command>;

// plc read|write|status|slots
void declare_plc_commands(CLI::App& app, Commands& commands) {
    struct Args {
        PlcTarget target;
        std::string address;
        std::size_t count = 0;
        std::vector<std::string> values;
        std::string area = "read";
        bool json = false;
    };
    auto a = std::make_shared<Args>();
    CLI::App* plc = app.add_subcommand("plc", "PLC diagnostics over FINS");
    plc->require_subcommand(1);
    CLI::App* read = plc->add_subcommand("read", "read COUNT words from ADDRESS, e.g. plc read D6000 77");
    read->add_option("ADDRESS", a->address, "D6000, CIO10, W5, H3, A100 (bit: D100.05)")->required();
    read->add_option("COUNT", a->count, "number of words (split into 999-word commands)")->required();
    add_target_options(*read, a->target);
    commands.push_back({read, [a] { return plc_read_command(a->target, a->address, a->count); }});
    CLI::App* write = plc->add_subcommand("write", "write VALUE... from ADDRESS, e.g. plc write D7076 0");
    write->add_option("ADDRESS", a->address, "first address")->required();
    write->add_option("VALUE", a->values, "words: decimal, negative, or 0x hex")->required();
    add_target_options(*write, a->target);
    commands.push_back({write, [a] { return plc_write_command(a->target, a->address, a->values); }});
    CLI::App* status = plc->add_subcommand("status", "PLC model, mode, errors and clock (FINS 0501, 0601, 0701)");
    add_target_options(*status, a->target);
    commands.push_back({status, [a] { return plc_status_command(a->target); }});
    CLI::App* slots = plc->add_subcommand("slots", "every slot of an area decoded with the memory map");
    slots->add_option("--area", a->area, "read, write or failure")->capture_default_str();
    slots->add_flag("--json", a->json, "machine-readable output");
    add_target_options(*slots, a->target);
    commands.push_back({slots, [a] { return plc_slots_command(a->target, a->area, a->json); }});
}

// run, cancel, migrate: the service and its database
void declare_service_commands(CLI::App& app, Commands& commands) {
    struct Args {
        std::string run_config;
        CancelArgs cancel;
        std::string migrate_config;
        std::string check_config;
    };
    auto a = std::make_shared<Args>();
    const std::string config_help = "service configuration (TOML); default " + packaged_config_path();
    CLI::App* run = app.add_subcommand("run", "the service: scheduler tasks + HTTP API, until SIGINT/SIGTERM");
    run->add_option("--config", a->run_config, config_help);
    commands.push_back({run, [a] { return run_command(a->run_config); }});

    auto u = std::make_shared<UserArgs>();
    CLI::App* user =
        app.add_subcommand("user",
                           "console accounts: add NAME --role R | passwd NAME | disable NAME | enable NAME | list "
                           "(passwords from standard input)");
    user->add_option("ACTION", u->action, "add, passwd, disable, enable or list")->required();
    user->add_option("NAME", u->username, "the account name");
    user->add_option("--role", u->role, "viewer, operator or admin (for add)")->capture_default_str();
    user->add_option("--config", u->config_path, config_help);
    commands.push_back({user, [u] { return user_command(*u); }});
    CLI::App* cancel = app.add_subcommand("cancel", "archive the batch in slot BATCH_NO as cancelled (manual cancel)");
    cancel->add_option("BATCH_NO", a->cancel.batch_no, "PLC slot of the batch")->required();
    cancel->add_option("--notes", a->cancel.notes, "operator's note (default: Manually cancelled by operator)");
    cancel->add_option("--line", a->cancel.line, "the line whose slot it is (several lines: [lines.N])")
        ->check(CLI::Range(1, kMaxLines));
    cancel->add_flag("--cancel-in-odoo", a->cancel.cancel_in_odoo,
                     "cancel the MO in Odoo first (the running service does it), then archive");
    cancel->add_option("--config", a->cancel.config_path, config_help);
    commands.push_back({cancel, [a] { return cancel_command(a->cancel); }});
    CLI::App* check = app.add_subcommand(
        "check", "check the configuration, maps, PLC, Odoo, database and API address; exit 0 when all pass");
    check->add_option("--config", a->check_config, config_help);
    commands.push_back({check, [a] { return check_command(a->check_config); }});
    CLI::App* migrate =
        app.add_subcommand("migrate", "create or upgrade the database schema ([database] url) and exit");
    migrate->add_option("--config", a->migrate_config, config_help);
    commands.push_back({migrate, [a] { return migrate_command(a->migrate_config); }});
}

// odoo-sim, odoo ping
void declare_odoo_commands(CLI::App& app, Commands& commands) {
    auto sim = std::make_shared<OdooSimArgs>();
    CLI::App* odoo_sim = app.add_subcommand("odoo-sim", "standalone Odoo (grt_scada) simulator");
    odoo_sim->add_option("--listen", sim->listen, "HOST:PORT; port 0 picks a free one and prints it")
        ->capture_default_str();
    odoo_sim->add_option("--generate", sim->generate,
                         "create N confirmed MOs WH/MO/00001.. from the plant's (default: the plant's own MOs)");
    odoo_sim->add_flag("--empty", sim->empty, "start with no MOs (put them in through /_sim/mos)");
    odoo_sim->add_option("--database", sim->database, "database name it accepts")->capture_default_str();
    odoo_sim->add_option("--login", sim->login, "login it accepts")->capture_default_str();
    odoo_sim->add_option("--password", sim->password, "password it accepts")->capture_default_str();
    commands.push_back({odoo_sim, [sim] { return odoo_sim_command(*sim); }});
    CLI::App* odoo = app.add_subcommand("odoo", "Odoo diagnostics");
    odoo->require_subcommand(1);
    auto config = std::make_shared<std::string>();
    CLI::App* ping = odoo->add_subcommand("ping", "log in; print the grt_scada version and the confirmed MO count");
    ping->add_option("--config", *config, "service configuration (TOML); its [odoo] section is used");
    commands.push_back({ping, [config] { return odoo_ping_command(*config); }});
}

// map import
void declare_map_commands(CLI::App& app, Commands& commands) {
    struct Args {
        std::string file;
        std::string output;
    };
    auto a = std::make_shared<Args>();
    CLI::App* map = app.add_subcommand("map", "memory maps");
    map->require_subcommand(1);
    CLI::App* import = map->add_subcommand("import", "convert the existing system's JSON map to plcbridge CSV");
    import->add_option("FILE", a->file, "READ_DATA_PLC_MAPPING.json, MASTER_BATCH_REFERENCE.json, ...")->required();
    import->add_option("--output", a->output, "write the CSV here instead of standard output");
    commands.push_back({import, [a] { return map_import_command(a->file, a->output); }});
}

/// plc-sim's knobs that need a check after parsing.
int start_plc_sim(PlcSimArgs args, const std::string& forced_end_code) {
    if (args.knobs.reply_delay.count() > 0) args.knobs.delay_replies = -1;
    if (forced_end_code.empty()) {
        args.knobs.forced_end_code_count = 0;
        return plc_sim_command(args);
    }
    auto code = parse_end_code(forced_end_code);
    if (!code) {
        std::cerr << "plcbridge: error: --force-end-code '" << forced_end_code << "' is not a hex end code\n";
        return kExitBadUsage;
    }
    args.knobs.forced_end_code = code;
    return plc_sim_command(args);
}

// plc-sim
void declare_plc_sim_command(CLI::App& app, Commands& commands) {
    struct Args {
        PlcSimArgs sim;
        std::string forced_end_code;
    };
    auto a = std::make_shared<Args>();
    PlcSimArgs& s = a->sim;
    CLI::App* plc_sim = app.add_subcommand("plc-sim", "standalone FINS PLC simulator (UDP and TCP, one port)");
    plc_sim->add_option("--listen", s.listen, "HOST:PORT; port 0 picks a free one and prints it")
        ->capture_default_str();
    plc_sim->add_option("--node", s.node, "the simulated PLC's FINS node")->capture_default_str();
    plc_sim->add_option("--drop-requests", s.knobs.drop_requests, "ignore the first N requests");
    plc_sim->add_option("--lose-replies", s.knobs.lose_replies, "execute the first N requests, send no reply");
    plc_sim->add_option("--duplicate-replies", s.knobs.duplicate_replies, "send the first N replies twice");
    plc_sim->add_option("--delay-ms", s.knobs.reply_delay, "delay every reply by this many milliseconds");
    plc_sim->add_option("--force-end-code", a->forced_end_code, "answer with this end code (hex, e.g. 0x1103)");
    plc_sim
        ->add_option("--force-count", s.knobs.forced_end_code_count,
                     "how many requests get the forced end code (-1 = all)")
        ->default_val(-1);
    plc_sim->add_flag("--split-tcp-writes", s.knobs.split_tcp_writes, "send TCP replies a few bytes at a time");
    plc_sim->add_flag("--auto-run", s.auto_run,
                      "run the plant's batch program: take each released queue, dose, finish, wait for the acks");
    plc_sim->add_option("--fail-slot", s.fail_slot, "with --auto-run: fail this slot once, half way");
    plc_sim->add_option("--tick-ms", s.tick_ms, "with --auto-run: one dosing step every this many ms")
        ->capture_default_str();
    commands.push_back({plc_sim, [a] { return start_plc_sim(a->sim, a->forced_end_code); }});
}

// demo
void declare_demo_command(CLI::App& app, Commands& commands) {
    auto a = std::make_shared<DemoArgs>();
    CLI::App* demo = app.add_subcommand(
        "demo", "PLC simulator + Odoo simulator + the service on loopback, SQLite in --data-dir; Ctrl-C stops");
    demo->add_option("--listen", a->listen, "API address")->capture_default_str();
    demo->add_option("--data-dir", a->data_dir, "database and log folder (kept: a second run continues)")
        ->capture_default_str();
    commands.push_back({demo, [a] { return demo_command(*a); }});
}

// help [COMMAND...]
void declare_help_command(CLI::App& app, Commands& commands) {
    auto words = std::make_shared<std::vector<std::string>>();
    CLI::App* help = app.add_subcommand("help", "the commands, or one command's options: help cancel, help plc read");
    help->add_option("COMMAND", *words, "a command (and subcommand)");
    commands.push_back({help, [&app, words] {
                            const CLI::App* about = &app;
                            for (const std::string& word : *words) {
                                const auto subcommands =
                                    about->get_subcommands([&](const CLI::App* c) { return c->get_name() == word; });
                                if (subcommands.empty()) {
                                    std::cerr << fmt::format(
                                        "plcbridge: error: '{}' is not a command; run "
                                        "'plcbridge help' for the list\n",
                                        word);
                                    return kExitBadUsage;
                                }
                                about = subcommands.front();
                            }
                            // App::help() would describe the subcommand just parsed (help itself).
                            std::cout << about->get_formatter()->make_help(about, about->get_name(),
                                                                           CLI::AppFormatMode::Normal);
                            return kExitOk;
                        }});
}

/// The exit code when parsing ends the program (help, version, a usage error); nullopt to go on.
std::optional<int> parse_arguments(CLI::App& app, int argc, char** argv) {
    // CLI11 would answer a mistyped command with "A subcommand is required"; name the word instead.
    if (argc > 1 && argv[1][0] != '-' &&
        app.get_subcommands([&](const CLI::App* c) { return c->get_name() == argv[1]; }).empty()) {
        std::cerr << fmt::format("plcbridge: error: '{}' is not a command; run 'plcbridge help' for the list\n",
                                 argv[1]);
        return kExitBadUsage;
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        return kExitBadUsage;
    }
    return std::nullopt;
}

}  // namespace

int run_cli(int argc, char** argv) {
    CLI::App app{"plcbridge: Omron PLC (FINS) <-> Odoo manufacturing orders", "plcbridge"};
    app.require_subcommand(1);
    // Every usage error starts like the commands' own errors, so scripts and people see one form.
    app.failure_message([](const CLI::App*, const CLI::Error& e) {
        return fmt::format(
            "plcbridge: error: {}\nRun 'plcbridge help' for the commands, 'plcbridge help COMMAND' "
            "for one command's options.\n",
            e.what());
    });
    app.set_version_flag("--version", std::string("plcbridge ") + std::string(kVersion));
    Commands commands;
    declare_plc_commands(app, commands);
    declare_service_commands(app, commands);
    declare_odoo_commands(app, commands);
    declare_map_commands(app, commands);
    declare_plc_sim_command(app, commands);
    declare_demo_command(app, commands);
    declare_help_command(app, commands);

    if (auto ended = parse_arguments(app, argc, argv)) return *ended;
    for (const Command& c : commands)
        if (*c.cli) return c.action();
    return kExitBadUsage;
}

}  // namespace plcbridge::app
