#include "plcbridge/app/cli.hpp"

#include <charconv>
#include <iostream>
#include <optional>

#include <CLI/CLI.hpp>

#include "plcbridge/app/cancel_command.hpp"
#include "plcbridge/app/demo_command.hpp"
#include "plcbridge/app/exit_codes.hpp"
#include "plcbridge/app/map_import.hpp"
#include "plcbridge/app/migrate_command.hpp"
#include "plcbridge/app/odoo_commands.hpp"
#include "plcbridge/app/plc_commands.hpp"
#include "plcbridge/app/plc_sim_command.hpp"
#include "plcbridge/app/run_command.hpp"
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

}  // namespace

int run_cli(int argc, char** argv) {
    CLI::App app{"plcbridge: Omron PLC (FINS) <-> Odoo manufacturing orders", "plcbridge"};
    app.require_subcommand(1);
    app.set_version_flag("--version", std::string("plcbridge ") + std::string(kVersion));

    // plc read|write|status
    CLI::App* plc = app.add_subcommand("plc", "PLC diagnostics over FINS");
    plc->require_subcommand(1);
    PlcTarget target;
    std::string address;
    std::size_t count = 0;
    std::vector<std::string> values;
    CLI::App* read = plc->add_subcommand("read", "read COUNT words from ADDRESS, e.g. plc read D6000 77");
    read->add_option("ADDRESS", address, "D6000, CIO10, W5, H3, A100 (bit: D100.05)")->required();
    read->add_option("COUNT", count, "number of words (split into 999-word commands)")->required();
    add_target_options(*read, target);
    CLI::App* write = plc->add_subcommand("write", "write VALUE... from ADDRESS, e.g. plc write D7076 0");
    write->add_option("ADDRESS", address, "first address")->required();
    write->add_option("VALUE", values, "words: decimal, negative, or 0x hex")->required();
    add_target_options(*write, target);
    CLI::App* status = plc->add_subcommand("status", "PLC model, mode, errors and clock (FINS 0501, 0601, 0701)");
    add_target_options(*status, target);
    std::string area = "read";
    bool json = false;
    CLI::App* slots = plc->add_subcommand("slots", "every slot of an area decoded with the memory map");
    slots->add_option("--area", area, "read, write or failure")->capture_default_str();
    slots->add_flag("--json", json, "machine-readable output");
    add_target_options(*slots, target);

    // run
    std::string run_config;
    CLI::App* run = app.add_subcommand("run", "the service: scheduler tasks + HTTP API, until SIGINT/SIGTERM");
    run->add_option("--config", run_config, "service configuration (TOML)")->required();

    // cancel
    std::string cancel_config;
    int cancel_batch = 0;
    std::string cancel_notes;
    CLI::App* cancel = app.add_subcommand("cancel", "archive the batch in slot BATCH_NO as cancelled (manual cancel)");
    cancel->add_option("BATCH_NO", cancel_batch, "PLC slot of the batch")->required();
    cancel->add_option("--notes", cancel_notes, "operator's note (default: Manually cancelled by operator)");
    cancel->add_option("--config", cancel_config, "service configuration (TOML)");

    // odoo-sim, odoo ping
    OdooSimArgs odoo_sim_args;
    CLI::App* odoo_sim = app.add_subcommand("odoo-sim", "standalone Odoo (grt_scada) simulator");
    odoo_sim->add_option("--listen", odoo_sim_args.listen, "HOST:PORT; port 0 picks a free one and prints it")
        ->capture_default_str();
    odoo_sim->add_option("--generate", odoo_sim_args.generate,
                         "create N confirmed MOs WH/MO/00001.. from the plant's (default: the plant's own MOs)");
    odoo_sim->add_flag("--empty", odoo_sim_args.empty, "start with no MOs (put them in through /_sim/mos)");
    odoo_sim->add_option("--database", odoo_sim_args.database, "database name it accepts")->capture_default_str();
    odoo_sim->add_option("--login", odoo_sim_args.login, "login it accepts")->capture_default_str();
    odoo_sim->add_option("--password", odoo_sim_args.password, "password it accepts")->capture_default_str();
    CLI::App* odoo = app.add_subcommand("odoo", "Odoo diagnostics");
    odoo->require_subcommand(1);
    std::string odoo_config;
    CLI::App* ping = odoo->add_subcommand("ping", "log in; print the grt_scada version and the confirmed MO count");
    ping->add_option("--config", odoo_config, "service configuration (TOML); its [odoo] section is used");

    // migrate
    std::string migrate_config;
    CLI::App* migrate =
        app.add_subcommand("migrate", "create or upgrade the database schema ([database] url) and exit");
    migrate->add_option("--config", migrate_config, "service configuration (TOML)");

    // map import
    CLI::App* map = app.add_subcommand("map", "memory maps");
    map->require_subcommand(1);
    std::string map_file;
    std::string map_output;
    CLI::App* import = map->add_subcommand("import", "convert the existing system's JSON map to plcbridge CSV");
    import->add_option("FILE", map_file, "READ_DATA_PLC_MAPPING.json, MASTER_BATCH_REFERENCE.json, ...")->required();
    import->add_option("--output", map_output, "write the CSV here instead of standard output");

    // plc-sim
    PlcSimArgs sim_args;
    std::string forced_end_code;
    CLI::App* plc_sim = app.add_subcommand("plc-sim", "standalone FINS PLC simulator (UDP and TCP, one port)");
    plc_sim->add_option("--listen", sim_args.listen, "HOST:PORT; port 0 picks a free one and prints it")
        ->capture_default_str();
    plc_sim->add_option("--node", sim_args.node, "the simulated PLC's FINS node")->capture_default_str();
    plc_sim->add_option("--drop-requests", sim_args.knobs.drop_requests, "ignore the first N requests");
    plc_sim->add_option("--lose-replies", sim_args.knobs.lose_replies, "execute the first N requests, send no reply");
    plc_sim->add_option("--duplicate-replies", sim_args.knobs.duplicate_replies, "send the first N replies twice");
    plc_sim->add_option("--delay-ms", sim_args.knobs.reply_delay, "delay every reply by this many milliseconds");
    plc_sim->add_option("--force-end-code", forced_end_code, "answer with this end code (hex, e.g. 0x1103)");
    plc_sim
        ->add_option("--force-count", sim_args.knobs.forced_end_code_count,
                     "how many requests get the forced end code (-1 = all)")
        ->default_val(-1);
    plc_sim->add_flag("--split-tcp-writes", sim_args.knobs.split_tcp_writes, "send TCP replies a few bytes at a time");
    plc_sim->add_flag("--auto-run", sim_args.auto_run,
                      "run the plant's batch program: take each released queue, dose, finish, wait for the acks");
    plc_sim->add_option("--fail-slot", sim_args.fail_slot, "with --auto-run: fail this slot once, half way");
    plc_sim->add_option("--tick-ms", sim_args.tick_ms, "with --auto-run: one dosing step every this many ms")
        ->capture_default_str();

    // demo
    DemoArgs demo_args;
    CLI::App* demo = app.add_subcommand(
        "demo", "PLC simulator + Odoo simulator + the service on loopback, SQLite in --data-dir; Ctrl-C stops");
    demo->add_option("--listen", demo_args.listen, "API address")->capture_default_str();
    demo->add_option("--data-dir", demo_args.data_dir, "database and log folder (kept: a second run continues)")
        ->capture_default_str();

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

    if (*read) return plc_read_command(target, address, count);
    if (*write) return plc_write_command(target, address, values);
    if (*status) return plc_status_command(target);
    if (*slots) return plc_slots_command(target, area, json);
    if (*import) return map_import_command(map_file, map_output);
    if (*migrate) return migrate_command(migrate_config);
    if (*run) return run_command(run_config);
    if (*demo) return demo_command(demo_args);
    if (*cancel) return cancel_command(cancel_config, cancel_batch, cancel_notes);
    if (*odoo_sim) return odoo_sim_command(odoo_sim_args);
    if (*ping) return odoo_ping_command(odoo_config);
    if (*plc_sim) {
        if (sim_args.knobs.reply_delay.count() > 0) sim_args.knobs.delay_replies = -1;
        if (!forced_end_code.empty()) {
            auto code = parse_end_code(forced_end_code);
            if (!code) {
                std::cerr << "plcbridge: error: --force-end-code '" << forced_end_code << "' is not a hex end code\n";
                return kExitBadUsage;
            }
            sim_args.knobs.forced_end_code = code;
        } else {
            sim_args.knobs.forced_end_code_count = 0;
        }
        return plc_sim_command(sim_args);
    }
    return kExitBadUsage;
}

}  // namespace plcbridge::app
