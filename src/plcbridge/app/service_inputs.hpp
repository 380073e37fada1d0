#pragma once
/// What a configuration names, loaded and checked before anything starts: the API address (a
/// network address needs a token), the three memory maps, the equipment aliases against the WRITE
/// map, the database URL, the PLC's time zone. `run` starts on them; `check` reports them.

#include "plcbridge/app/config.hpp"
#include "plcbridge/app/host_port.hpp"
#include "plcbridge/core/result.hpp"
#include "plcbridge/core/time_zone.hpp"
#include "plcbridge/memory_map/default_maps.hpp"
#include "plcbridge/memory_map/slot_area.hpp"
#include "plcbridge/store/database_url.hpp"
#include "plcbridge/store/line_lease.hpp"

namespace plcbridge::app {

/// One line's maps and clock, loaded and checked.
struct LineInputs {
    LineConfig config;
    memory_map::SlotArea read_area;
    memory_map::SlotArea write_area;
    memory_map::SlotArea failure_area;
    TimeZone plant_zone;
};

/// What the configuration names, loaded and checked before anything starts. The tasks keep
/// references to the areas: this lives as long as the service.
struct ServiceInputs {
    HostPort listen;
    /// In line order (config.lines); the first is the one the CLI's PLC commands and `check` name.
    std::vector<LineInputs> lines;
    store::DatabaseUrl db_url;
    /// PostgreSQL: this instance in the line's lease (docs/FAILOVER.md); nullopt for SQLite.
    std::optional<store::InstanceIdentity> instance;
    std::chrono::milliseconds takeover{10000};
};

/// The default take-over time when `[failover] takeover_ms` is not set.
inline constexpr std::chrono::milliseconds kDefaultTakeover{10000};

/// This instance's name among those sharing the database: the host, the API address and the FINS
/// client node as configured — the settings two instances of one line must not share — so that
/// two instances started from one file (differing only there) are told apart, and a restarted
/// instance is recognised as itself.
[[nodiscard]] store::InstanceIdentity instance_identity(const Config& c, std::string_view host_name);

/// Every problem is a setting to change: the error's detail is the whole line (file, key, reason).
[[nodiscard]] Result<ServiceInputs> load_service_inputs(const Config& c);

}  // namespace plcbridge::app
