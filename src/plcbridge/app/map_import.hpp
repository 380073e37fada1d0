#pragma once
/// `plcbridge map import FILE.json`: the existing system's JSON memory maps to our CSV. Accepts its
/// three shapes: per-slot lists (READ_DATA_PLC_MAPPING.json "BATCH_READ_01".., MASTER_BATCH_REFERENCE
/// .json "WRITE_BATCH01"..), a block with "raw_list" (EQUIPMENT_FAILURE_REFERENCE.json), or a list.

#include <string>

#include "plcbridge/core/result.hpp"
#include "plcbridge/memory_map/memory_map.hpp"

namespace plcbridge::app {

struct ImportedMap {
    memory_map::MemoryMap map;  ///< slot 1 (or the block)
    int slots = 1;
    int stride = 0;  ///< 0 for a single block
};

[[nodiscard]] Result<ImportedMap> import_legacy_json(const std::string& path);

/// The command: CSV to `output` (empty = stdout), a summary with the [memory_map] settings to stderr.
int map_import_command(const std::string& path, const std::string& output);

}  // namespace plcbridge::app
