#include "plcbridge/app/check_command.hpp"

#include <iostream>
#include <vector>

#include <fmt/format.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_future.hpp>

#include "plcbridge/app/check_verdicts.hpp"
#include "plcbridge/app/config_source.hpp"
#include "plcbridge/app/existing_database.hpp"
#include "plcbridge/app/plc_target.hpp"
#include "plcbridge/app/service_inputs.hpp"
#include "plcbridge/odoo/odoo_client.hpp"
#include "plcbridge/store/migrations.hpp"
#include "plcbridge/store/sql_connection.hpp"

namespace plcbridge::app {

namespace asio = boost::asio;

namespace {

CheckLine failed(std::string name, std::string detail) {
    return {std::move(name), CheckState::failed, std::move(detail)};
}

/// Model (0501) and mode (0601) over the configured transport.
CheckLine check_plc(const Config& c) {
    const std::string where = fmt::format("{}:{}/{}", c.plc.host, c.plc.port, c.plc.transport);
    CheckLine line;
    const int rc = with_client(c, [&](plc::PlcClient& client) -> asio::awaitable<int> {
        auto data = co_await client.read_controller_data();
        if (!data) {
            line = failed("plc", fmt::format("{}: {}; check [plc] host, port, transport and the PLC's FINS settings",
                                             where, data.error().message()));
            co_return 1;
        }
        auto status = co_await client.read_status();
        if (!status) {
            line = failed("plc", fmt::format("{}: {}", where, status.error().message()));
            co_return 1;
        }
        line = plc_mode_verdict(data->model, *status, where);
        co_return 0;
    });
    (void)rc;
    return line;
}

/// Login and the module's version.
CheckLine check_odoo(const Config& c) {
    const odoo::OdooOptions options = to_odoo_options(c.odoo);
    asio::io_context io;
    auto client = odoo::OdooClient::create(io.get_executor(), options);
    if (!client) return failed("odoo", client.error().message());
    const std::string where =
        fmt::format("{} (database {}, login {})", (*client)->describe(), options.database, options.login);
    auto body = [&]() -> asio::awaitable<CheckLine> {
        if (auto logged_in = co_await (*client)->login(); !logged_in)
            co_return failed("odoo", fmt::format("{}: {}; check [odoo] url, database, login and password", where,
                                                 logged_in.error().message()));
        auto version = co_await (*client)->version();
        if (!version) co_return failed("odoo", fmt::format("{}: {}", where, version.error().message()));
        co_return grt_scada_verdict(*version, where);
    };
    auto future = asio::co_spawn(io, body(), asio::use_future);
    io.run();
    return future.get();
}

/// Reachable, and at the schema this binary writes; never creates a SQLite file.
CheckLine check_database(const store::DatabaseUrl& url) {
    const std::string where = url.redacted();
    if (auto exists = existing_database(url); !exists) return failed("database", exists.error().detail);
    auto connection = store::open_connection(url);
    if (!connection) return failed("database", connection.error().message());
    auto version = store::schema_version(**connection);
    if (!version) return failed("database", fmt::format("{}: {}", where, version.error().message()));
    const int latest = store::latest_schema_version();
    if (*version < latest)
        return failed("database", fmt::format("{}: schema version {}, this plcbridge needs {}: run `plcbridge migrate` "
                                              "(the service also does it at start)",
                                              where, *version, latest));
    if (*version > latest)
        return failed("database", fmt::format("{}: schema version {} is newer than this plcbridge ({}): install the "
                                              "plcbridge that wrote it",
                                              where, *version, latest));
    return {"database", CheckState::ok, fmt::format("{}: reachable, schema version {} (current)", where, *version)};
}

/// The API address can be bound now (the service itself is not running on it).
CheckLine check_api(const HostPort& listen) {
    const std::string where = fmt::format("{}:{}", listen.host, listen.port);
    asio::io_context io;
    asio::ip::tcp::acceptor acceptor(io);
    boost::system::error_code ec;
    const auto address = asio::ip::make_address(listen.host, ec);
    if (!ec) acceptor.open(address.is_v6() ? asio::ip::tcp::v6() : asio::ip::tcp::v4(), ec);
    if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor.bind({address, listen.port}, ec);
    if (ec)
        return failed("api", fmt::format("{}: cannot listen ({}); is plcbridge already running (systemctl status "
                                         "plcbridge)? else change [api] listen",
                                         where, ec.message()));
    return {"api", CheckState::ok, fmt::format("{}: free", where)};
}

}  // namespace

int check_command(const std::string& config_path) {
    std::vector<CheckLine> lines;
    auto say = [&lines](CheckLine line) {
        std::cout << format_check_line(line) << std::endl;
        lines.push_back(std::move(line));
    };
    auto config = load_command_config(config_path, ConfigUse::touches_database);
    if (!config) {
        say(failed("config", config.error().message()));
        return kExitBadUsage;
    }
    auto inputs = load_service_inputs(*config);
    if (!inputs) {
        say(failed("config", inputs.error().detail));
        return kExitBadUsage;
    }
    const std::string file = config_path.empty() ? packaged_config_path() : config_path;
    auto map_name = [](const std::string& path) { return path.empty() ? std::string("built-in") : path; };
    for (const LineInputs& line : inputs->lines) {
        const auto& m = line.config.memory_map;
        say({"config", CheckState::ok,
             fmt::format("{}: valid; {}maps read {}, write {}, failure {} ({} slots)", file,
                         line_prefix(*config, line.config), map_name(m.read_map), map_name(m.write_map),
                         map_name(m.failure_map), line.read_area.slots())});
    }
    for (const LineInputs& line : inputs->lines) {
        Config of_line = *config;  // the PLC check reads [plc]: the line's own
        of_line.plc = line.config.plc;
        CheckLine checked = check_plc(of_line);
        checked.detail = line_prefix(*config, line.config) + checked.detail;
        say(std::move(checked));
    }
    say(check_odoo(*config));
    say(check_database(inputs->db_url));
    say(check_api(inputs->listen));
    return check_exit_code(lines);
}

}  // namespace plcbridge::app
