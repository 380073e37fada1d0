#include "plcbridge/app/service_inputs.hpp"

#include <algorithm>

#include <unistd.h>

#include <fmt/format.h>
#include <boost/asio/ip/address.hpp>

#include "plcbridge/store/lease_keeper.hpp"

namespace plcbridge::app {

namespace asio = boost::asio;

namespace {

/// Admin paths without a token are only acceptable where nobody else can connect.
Result<HostPort> checked_listen(const ApiConfig& api) {
    auto listen = parse_host_port(api.listen);
    if (!listen) return Error{listen.error().code, "[api] listen: " + listen.error().message()};
    boost::system::error_code ec;
    const auto address = asio::ip::make_address(listen->host, ec);
    if (ec) {
        return Error{make_error_code(ConfigErrc::invalid_value),
                     fmt::format("[api] listen: '{}' is not an IP address", listen->host)};
    }
    if (!address.is_loopback() && api.token.empty()) {
        return Error{make_error_code(ConfigErrc::invalid_value),
                     fmt::format("[api] listen = \"{}\" is reachable from the network but [api] token is empty: set a "
                                 "token (or PLCBRIDGE_API_TOKEN), or listen on 127.0.0.1",
                                 api.listen)};
    }
    return listen;
}

/// An error whose detail is the whole line for the operator: `where` and the reason.
Error usage_error(std::string_view where, const Error& e) {
    return Error{e.code, std::string(where) + e.message()};
}

/// How messages name a line's section: "[memory_map]" for a deployment of one line without
/// [lines], "[lines.2.memory_map]" otherwise.
std::string section_of(const Config& c, const LineConfig& line, std::string_view section) {
    if (c.lines.size() == 1 && line.mo_equipment.empty()) return fmt::format("[{}]", section);
    return fmt::format("[lines.{}.{}]", line.id, section);
}

Result<void> check_aliases(const MemoryMapConfig& m, const memory_map::SlotArea& write_area,
                           const std::string& section) {
    const auto codes = write_area.map().equipment_codes();
    for (const auto& [alias, code] : m.equipment_aliases) {
        if (std::find(codes.begin(), codes.end(), code) != codes.end()) continue;
        return Error{make_error_code(ConfigErrc::invalid_value),
                     fmt::format("{} equipment_aliases: \"{}\" maps to {}, which the WRITE map does not have", section,
                                 alias, code)};
    }
    return {};
}

/// The host name for the instance's identity ("localhost" if the system will not say).
std::string this_host() {
    char name[256] = {};
    if (::gethostname(name, sizeof name - 1) != 0 || name[0] == '\0') return "localhost";
    return name;
}

}  // namespace

store::InstanceIdentity instance_identity(const Config& c, std::string_view host_name) {
    store::InstanceIdentity me;
    me.name = fmt::format("{} api {} node {}", host_name, c.api.listen, c.plc.client_node);
    me.line = 1;
    me.fins_node = static_cast<int>(c.plc.client_node);
    me.api = c.api.listen;
    return me;
}

Result<LineInputs> load_line_inputs(const Config& c, const LineConfig& line) {
    const auto& m = line.memory_map;
    const std::string section = section_of(c, line, "memory_map");
    const int slots = static_cast<int>(m.slots);
    const int stride = static_cast<int>(m.slot_stride);
    auto read_area = memory_map::load_area(memory_map::AreaKind::read, m.read_map, slots, stride);
    if (!read_area) return usage_error(section + " read_map: ", read_area.error());
    auto write_area = memory_map::load_area(memory_map::AreaKind::write, m.write_map, slots, stride);
    if (!write_area) return usage_error(section + " write_map: ", write_area.error());
    auto failure_area = memory_map::load_area(memory_map::AreaKind::failure, m.failure_map, 1, 1);
    if (!failure_area) return usage_error(section + " failure_map: ", failure_area.error());
    if (auto aliases = check_aliases(m, *write_area, section); !aliases) return std::move(aliases).error();
    auto plant_zone = TimeZone::load(line.plc.time_zone);
    if (!plant_zone)
        return Error{plant_zone.error().code, section_of(c, line, "plc") + " time_zone: " + plant_zone.error().detail};
    return LineInputs{line, std::move(*read_area), std::move(*write_area), std::move(*failure_area),
                      std::move(*plant_zone)};
}

Result<ServiceInputs> load_service_inputs(const Config& c) {
    auto listen = checked_listen(c.api);
    if (!listen) return usage_error("", listen.error());
    std::vector<LineInputs> lines;
    for (const LineConfig& line : c.lines) {
        auto loaded = load_line_inputs(c, line);
        if (!loaded) return std::move(loaded).error();
        lines.push_back(std::move(*loaded));
    }
    auto db_url = store::parse_database_url(c.database.url);
    if (!db_url) return usage_error("[database] url: ", db_url.error());
    const auto takeover =
        c.failover.takeover_ms != 0 ? std::chrono::milliseconds(c.failover.takeover_ms) : kDefaultTakeover;
    std::optional<store::InstanceIdentity> instance;
    if (db_url->backend == store::Backend::postgresql) {
        instance = instance_identity(c, this_host());
        // pg_stat_activity shows which instance a session belongs to (63 bytes at most).
        db_url->application_name = ("plcbridge " + instance->name).substr(0, 63);
        // A leader cut off in the middle of a transaction must not keep the lease row locked.
        db_url->idle_in_transaction_timeout = store::lease_timing(takeover).lease / 2;
    } else if (c.failover.takeover_ms != 0) {
        return Error{make_error_code(ConfigErrc::invalid_value),
                     "[failover] takeover_ms: failover needs PostgreSQL, and [database] url is SQLite (one instance "
                     "only): set [database] url = \"postgresql://...\" for several instances, or remove [failover]"};
    }
    return ServiceInputs{std::move(*listen), std::move(lines), std::move(*db_url), std::move(instance), takeover};
}

}  // namespace plcbridge::app
