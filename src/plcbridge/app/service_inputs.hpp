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

namespace plcbridge::app {

/// What the configuration names, loaded and checked before anything starts. The tasks keep
/// references to the areas: this lives as long as the service.
struct ServiceInputs {
    HostPort listen;
    memory_map::SlotArea read_area;
    memory_map::SlotArea write_area;
    memory_map::SlotArea failure_area;
    store::DatabaseUrl db_url;
    TimeZone plant_zone;
};

/// Every problem is a setting to change: the error's detail is the whole line (file, key, reason).
[[nodiscard]] Result<ServiceInputs> load_service_inputs(const Config& c);

}  // namespace plcbridge::app
