#include <fmt/format.h>

#include "plcbridge/memory_map/batch_slot.hpp"
#include "plcbridge/memory_map/default_maps.hpp"
#include "plcbridge/memory_map/map_csv.hpp"

namespace plcbridge::memory_map {
namespace {

constexpr std::string_view kFailureKeys[] = {"equipment_code", "info",   "year",   "month",           "day",
                                             "hour",           "minute", "second", "status_read_data"};

}  // namespace

std::string_view area_kind_name(AreaKind kind) noexcept {
    switch (kind) {
        case AreaKind::read: return "read";
        case AreaKind::write: return "write";
        case AreaKind::failure: return "failure";
    }
    return "?";
}

Result<SlotArea> load_area(AreaKind kind, const std::string& csv_path, int slots, int stride) {
    auto map = csv_path.empty()
                   ? parse_map_csv(default_map_csv(kind), fmt::format("built-in {} map (config/{}_map.csv)",
                                                                      area_kind_name(kind), area_kind_name(kind)))
                   : load_map_csv(csv_path);
    if (!map) return std::move(map).error();
    if (auto keys = kind == AreaKind::failure ? map->require(kFailureKeys) : map->require(kBatchSlotKeys); !keys) {
        return std::move(keys).error();
    }
    if (kind == AreaKind::failure) {
        slots = 1;
        stride = map->span();
    }
    return SlotArea::create(std::move(*map), slots, stride, fmt::format("{} area", area_kind_name(kind)));
}

}  // namespace plcbridge::memory_map
