#pragma once
/// The plant's layout (docs/CONTRACT.md "PLC memory layout") shipped as config/read_map.csv, write_map.csv and
/// failure_map.csv, and compiled in from those same files as the default, so the two cannot drift.
/// load_area() gives the area the configuration names: its CSV, or the built-in one.

#include <string>
#include <string_view>

#include "plcbridge/core/result.hpp"
#include "plcbridge/memory_map/slot_area.hpp"

namespace plcbridge::memory_map {

enum class AreaKind { read, write, failure };

[[nodiscard]] std::string_view area_kind_name(AreaKind kind) noexcept;
/// The built-in CSV text.
[[nodiscard]] std::string_view default_map_csv(AreaKind kind) noexcept;

/// `csv_path` empty = the built-in map. Read and write areas repeat over `slots` x `stride` and
/// must carry every key in kBatchSlotKeys; the failure area is one block with its own keys.
[[nodiscard]] Result<SlotArea> load_area(AreaKind kind, const std::string& csv_path, int slots, int stride);

}  // namespace plcbridge::memory_map
