#pragma once
/// The existing system's JSON memory maps (READ_DATA_PLC_MAPPING.json, MASTER_BATCH_REFERENCE.json,
/// EQUIPMENT_FAILURE_REFERENCE.json) converted to our vocabulary. Its "REAL" is a scaled 32-bit
/// integer with the high word first (as the existing system decodes it), so it becomes DINT + Scale + HL; its
/// field names ("NO-MO", "SILO ID 101 Consumption", "status manufaturing") become our keys.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "plcbridge/core/result.hpp"
#include "plcbridge/memory_map/memory_map.hpp"

namespace plcbridge::memory_map {

/// One entry as the existing system wrote it.
struct LegacyEntry {
    std::string informasi;  ///< "NO-MO"
    std::string data_type;  ///< "ASCII", "REAL", "INT", "boolean", "BCD"
    std::string address;    ///< "D6001-6008"
    std::optional<double> scale;
    std::string sample;  ///< becomes the description's example
};

/// Our key for one of its field names; names we do not know become a lower-case identifier.
[[nodiscard]] std::string legacy_key(std::string_view informasi);

/// One slot's (or block's) entries as a checked map. Errors name the entry and the problem
/// (unknown type, address out of range, overlapping entries).
[[nodiscard]] Result<MemoryMap> convert_legacy(std::span<const LegacyEntry> entries, std::string origin);

/// Given every slot's entries in slot order, checks that each is slot 1 shifted by one stride and
/// returns that stride (0 for a single slot).
[[nodiscard]] Result<int> legacy_slot_stride(std::span<const std::vector<LegacyEntry>> slots,
                                             const std::string& origin);

}  // namespace plcbridge::memory_map
