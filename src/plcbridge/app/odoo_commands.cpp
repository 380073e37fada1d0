#include "plcbridge/app/odoo_commands.hpp"

#include <csignal>
#include <iostream>

#include <fmt/format.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/use_future.hpp>

#include "plcbridge/app/config.hpp"
#include "plcbridge/app/config_source.hpp"
#include "plcbridge/app/host_port.hpp"
#include "plcbridge/app/plc_target.hpp"
#include "plcbridge/odoo/errc.hpp"
#include "plcbridge/odoo/odoo_client.hpp"
#include "plcbridge/odoo/tls_context.hpp"
#include "plcbridge/sim/odoo_sim_server.hpp"
#include "plcbridge/sim/plant_mos.hpp"

namespace plcbridge::app {

namespace asio = boost::asio;

int odoo_sim_command(const OdooSimArgs& args) {
    auto listen = parse_host_port(args.listen);
    if (!listen) return fail(kExitBadUsage, "--listen " + listen.error().message());
    if (args.generate < 0 || args.generate > 99999) return fail(kExitBadUsage, "--generate takes 0..99999");
    asio::io_context io;
    sim::OdooSim odoo({args.database, args.login, args.password});
    // Without --generate it answers with the plant's own MOs (the captured mo-list-detailed response).
    if (args.generate > 0) {
        odoo.generate(args.generate);
    } else if (!args.empty) {
        odoo.load_plant_mos(sim::plant_mo_list_response());
    }
    sim::OdooSimServer server(io, odoo);
    auto port = server.listen(listen->host, listen->port);
    if (!port) return fail(kExitRuntimeFailure, port.error().message());
    std::cout << fmt::format("{{\"port\": {}}}", *port) << std::endl;
    std::cerr << fmt::format(
        "odoo-sim: grt_scada on http://{}:{} (database {}, login {}), {}; control API under /_sim/\n", listen->host,
        *port, args.database, args.login,
        args.generate > 0 ? fmt::format("{} confirmed MO(s) made from the plant's", args.generate)
        : args.empty      ? std::string("no MOs")
                          : std::string("the plant's MOs WH/MO/00011..00020 as captured"));
    asio::signal_set signals(io, SIGINT, SIGTERM);
    signals.async_wait([&](const boost::system::error_code&, int) {
        server.stop();
        io.stop();
    });
    io.run();
    return kExitOk;
}

int odoo_ping_command(const std::string& config_path) {
    auto config = load_command_config(config_path, ConfigUse::diagnostics);
    if (!config) return fail(kExitBadUsage, config.error().message());
    const odoo::OdooOptions options = to_odoo_options(config->odoo);
    if (!options.tls.verify) std::cerr << "plcbridge: WARNING: " << odoo::kUnverifiedTlsWarning << '\n';
    asio::io_context io;
    auto client = odoo::OdooClient::create(io.get_executor(), options);
    if (!client) return fail(kExitBadUsage, client.error().message());
    auto body = [&]() -> asio::awaitable<int> {
        if (auto logged_in = co_await (*client)->login(); !logged_in) {
            co_return fail(kExitRuntimeFailure, logged_in.error().message());
        }
        auto version = co_await (*client)->version();
        if (!version) co_return fail(kExitRuntimeFailure, version.error().message());
        std::vector<std::string> states{"confirmed"};  // not inline: GCC 12 and init-lists in co_await
        auto confirmed = co_await (*client)->list_mos(std::move(states), 1000, 0);
        if (!confirmed) co_return fail(kExitRuntimeFailure, confirmed.error().message());
        std::cout << fmt::format("odoo:          {} (database {}, login {})\n", (*client)->describe(), options.database,
                                 options.login);
        std::cout << fmt::format("grt_scada:     {}\n", *version);
        std::cout << fmt::format("confirmed MOs: {}\n", confirmed->size());
        co_return kExitOk;
    };
    auto future = asio::co_spawn(io, body(), asio::use_future);
    io.run();
    return future.get();
}

}  // namespace plcbridge::app
