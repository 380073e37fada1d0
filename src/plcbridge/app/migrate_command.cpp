#include "plcbridge/app/migrate_command.hpp"

#include <iostream>

#include <fmt/format.h>

#include "plcbridge/app/config.hpp"
#include "plcbridge/app/config_source.hpp"
#include "plcbridge/app/plc_target.hpp"
#include "plcbridge/store/migrations.hpp"
#include "plcbridge/store/sql_connection.hpp"

namespace plcbridge::app {

int migrate_command(const std::string& config_path) {
    auto config = load_command_config(config_path, ConfigUse::touches_database);
    if (!config) return fail(kExitBadUsage, config.error().message());
    auto url = store::parse_database_url(config->database.url);
    if (!url) return fail(kExitBadUsage, url.error().message());
    auto connection = store::open_connection(*url);
    // An unreachable database at start is a configuration problem to fix, not a transient one.
    if (!connection) return fail(kExitBadUsage, connection.error().message());
    auto report = store::migrate(**connection);
    if (!report) return fail(kExitRuntimeFailure, report.error().message());
    if (report->from_version == report->to_version) {
        std::cout << fmt::format("database {}: schema is current (version {})\n", url->redacted(), report->to_version);
    } else {
        std::cout << fmt::format("database {}: schema upgraded from version {} to {}\n", url->redacted(),
                                 report->from_version, report->to_version);
    }
    return kExitOk;
}

}  // namespace plcbridge::app
