#include "plcbridge/app/demo_command.hpp"

#include "plcbridge/app/operator_accounts.hpp"
#include "plcbridge/auth/random_token.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

#include <fmt/format.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>

#include "plcbridge/app/exit_codes.hpp"
#include "plcbridge/app/plc_target.hpp"
#include "plcbridge/app/run_command.hpp"
#include "plcbridge/app/sim_runner_clock.hpp"
#include "plcbridge/memory_map/batch_slot.hpp"
#include "plcbridge/memory_map/default_maps.hpp"
#include "plcbridge/service/task_names.hpp"
#include "plcbridge/sim/batch_runner.hpp"
#include "plcbridge/sim/odoo_sim_server.hpp"
#include "plcbridge/sim/plc_sim_server.hpp"
#include "plcbridge/store/sql_repository.hpp"

namespace plcbridge::app {

namespace asio = boost::asio;

namespace {

constexpr int kDemoMos = 12;
constexpr int kFailingSlot = 3;

/// The number in "WH/MO/00012", 0 when there is none.
int mo_number(const std::string& mo_id) {
    const auto slash = mo_id.rfind('/');
    if (slash == std::string::npos) return 0;
    int n = 0;
    for (char c : mo_id.substr(slash + 1)) {
        if (c < '0' || c > '9') return 0;
        n = n * 10 + (c - '0');
    }
    return n;
}

/// What the database already holds: batches a previous run left active are put back into the
/// simulated PLC (and into the simulated Odoo), and new MOs are numbered after every known one.
constexpr std::string_view kDemoAdmin = "admin";

/// The console's first admin: the account "admin" with a fresh random password, created on the
/// first run and given a new password on every later one (the demo prints it; nobody keeps it).
Result<std::string> demo_admin(const store::DatabaseUrl& url) {
    auto repo = store::SqlRepository::open(url);
    if (!repo) return std::move(repo).error();
    const std::string password = auth::random_token(8);
    const std::string name(kDemoAdmin);
    auto existing = (*repo)->find_operator(name);
    if (!existing) return std::move(existing).error();
    auto done =
        *existing ? set_password(**repo, "demo", name, password) : add_account(**repo, "demo", name, "admin", password);
    if (!done) return std::move(done).error();
    if (*existing && (*existing)->disabled) {
        if (auto enabled = set_disabled(**repo, "demo", name, false); !enabled) return std::move(enabled).error();
    }
    return password;
}

Result<int> resume_from_database(const store::DatabaseUrl& url, sim::SimulatedPlc& plc, sim::OdooSim& odoo) {
    auto repo = store::SqlRepository::open(url);
    if (!repo) return std::move(repo).error();
    auto active = (*repo)->active_batches();
    if (!active) return std::move(active).error();
    store::HistoryFilter all;
    all.limit = 1;
    auto newest = (*repo)->histories(all);
    if (!newest) return std::move(newest).error();
    int last = 0;
    for (const auto& h : *newest)
        last = std::max(last, mo_number(h.mo_id));
    auto write_area = memory_map::load_area(memory_map::AreaKind::write, "", 10, 100);
    if (!write_area) return std::move(write_area).error();
    for (const store::Batch& b : *active) {
        last = std::max(last, mo_number(b.mo_id));
        sim::SimMo mo;
        mo.mo_id = b.mo_id;
        mo.state = "progress";
        mo.quantity = b.quantity.to_double();
        memory_map::BatchRecipe recipe{b.batch_no, b.mo_id, b.bom, b.finished_goods, b.quantity, {}};
        for (const auto& line : b.lines) {
            mo.components.push_back({line.equipment_code, line.planned.to_double(), 0, line.equipment_code});
            recipe.targets.push_back({line.equipment_code, line.planned});
        }
        odoo.put_mo(std::move(mo));
        auto words = memory_map::encode_recipe(*write_area, b.batch_no, recipe);
        if (!words) return std::move(words).error();
        plc.set_words(fins::Area::dm, write_area->slot_address(b.batch_no), *words);
    }
    if (!active->empty()) plc.set_word(fins::Area::dm, 7076, 0);  // the PLC carries on with that queue
    return last;
}

}  // namespace

int demo_command(const DemoArgs& args) {
    std::error_code ec;
    std::filesystem::create_directories(args.data_dir, ec);
    if (ec) return fail(kExitBadUsage, fmt::format("--data-dir {}: {}", args.data_dir, ec.message()));
    const std::string dir = std::filesystem::absolute(args.data_dir).string();

    // The simulators, on their own thread.
    asio::io_context sim_io;
    sim::SimulatedPlc plc;
    sim::BatchRunner runner(plc, sim::BatchRunnerOptions{10, 20, kFailingSlot, 4});
    sim::PlcSimServer plc_server(sim_io, plc);
    auto plc_port = plc_server.listen("127.0.0.1", 0);
    if (!plc_port) return fail(kExitRuntimeFailure, "PLC simulator: " + plc_port.error().message());
    sim::OdooSim odoo;
    sim::OdooSimServer odoo_server(sim_io, odoo);
    auto odoo_port = odoo_server.listen("127.0.0.1", 0);
    if (!odoo_port) return fail(kExitRuntimeFailure, "Odoo simulator: " + odoo_port.error().message());

    Config c;
    c.plc.port = *plc_port;
    c.odoo.url = fmt::format("http://127.0.0.1:{}", *odoo_port);
    c.odoo.password = "admin";
    c.database.url = "sqlite:" + dir + "/plcbridge.db";
    c.log.file = dir + "/logs/app.log";
    c.api.listen = args.listen;
    c.api.token = auth::random_token(16);
    using namespace std::chrono_literals;
    c.tasks.schedule.periods[std::string(service::kMoSyncTask)] = 5s;
    c.tasks.schedule.periods[std::string(service::kPlcReadTask)] = 1000ms;
    c.tasks.schedule.periods[std::string(service::kProcessCompletedTask)] = 2s;

    auto url = store::parse_database_url(c.database.url);
    if (!url) return fail(kExitBadUsage, url.error().message());
    auto last = resume_from_database(*url, plc, odoo);
    if (!last) return fail(kExitRuntimeFailure, last.error().message());
    odoo.generate(kDemoMos, *last + 1);
    auto admin_password = demo_admin(*url);
    if (!admin_password) return fail(kExitRuntimeFailure, "console account: " + admin_password.error().message());

    SimRunnerClock clock(sim_io, runner, std::chrono::seconds(1),
                         [](const std::string& line) { std::cout << line << std::endl; });
    clock.start();
    std::thread sim_thread([&] { sim_io.run(); });

    const int rc = run_service(c, [&](std::uint16_t api_port) {
        std::cout << fmt::format(
                         "\nplcbridge demo\n"
                         "  PLC simulator   FINS udp/tcp 127.0.0.1:{} (batch #{} of the first queue fails on "
                         "purpose)\n"
                         "  Odoo simulator  http://127.0.0.1:{} ({} confirmed MOs, WH/MO/{:05}..)\n"
                         "  console         http://127.0.0.1:{}/\n"
                         "  first admin     {} / {} (a new password every run)\n"
                         "  API             http://127.0.0.1:{}/api/health\n"
                         "  admin token     {}\n"
                         "  data            {} (SQLite, logs/app.log)\n"
                         "Ctrl-C stops; running it again continues from the database.\n",
                         *plc_port, kFailingSlot, *odoo_port, kDemoMos, *last + 1, api_port, kDemoAdmin,
                         *admin_password, api_port, c.api.token, dir)
                  << std::endl;
    });

    asio::post(sim_io, [&] {
        plc_server.stop();
        odoo_server.stop();
        sim_io.stop();
    });
    sim_thread.join();
    return rc;
}

}  // namespace plcbridge::app
