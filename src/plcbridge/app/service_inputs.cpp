#include "plcbridge/app/service_inputs.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <boost/asio/ip/address.hpp>

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

Result<void> check_aliases(const MemoryMapConfig& m, const memory_map::SlotArea& write_area) {
    const auto codes = write_area.map().equipment_codes();
    for (const auto& [alias, code] : m.equipment_aliases) {
        if (std::find(codes.begin(), codes.end(), code) != codes.end()) continue;
        return Error{make_error_code(ConfigErrc::invalid_value),
                     fmt::format("[memory_map] equipment_aliases: \"{}\" maps to {}, which the WRITE map does not have",
                                 alias, code)};
    }
    return {};
}

}  // namespace

Result<ServiceInputs> load_service_inputs(const Config& c) {
    auto listen = checked_listen(c.api);
    if (!listen) return usage_error("", listen.error());
    const auto& m = c.memory_map;
    const int slots = static_cast<int>(m.slots);
    const int stride = static_cast<int>(m.slot_stride);
    auto read_area = memory_map::load_area(memory_map::AreaKind::read, m.read_map, slots, stride);
    if (!read_area) return usage_error("[memory_map] read_map: ", read_area.error());
    auto write_area = memory_map::load_area(memory_map::AreaKind::write, m.write_map, slots, stride);
    if (!write_area) return usage_error("[memory_map] write_map: ", write_area.error());
    auto failure_area = memory_map::load_area(memory_map::AreaKind::failure, m.failure_map, 1, 1);
    if (!failure_area) return usage_error("[memory_map] failure_map: ", failure_area.error());
    if (auto aliases = check_aliases(m, *write_area); !aliases) return std::move(aliases).error();
    auto db_url = store::parse_database_url(c.database.url);
    if (!db_url) return usage_error("[database] url: ", db_url.error());
    auto plant_zone = TimeZone::load(c.plc.time_zone);
    if (!plant_zone) return Error{plant_zone.error().code, "[plc] time_zone: " + plant_zone.error().detail};
    return ServiceInputs{std::move(*listen),       std::move(*read_area), std::move(*write_area),
                         std::move(*failure_area), std::move(*db_url),    std::move(*plant_zone)};
}

}  // namespace plcbridge::app
