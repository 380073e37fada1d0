#pragma once
/// The memory-map CSV: the feature document's columns `Informasi,Keterangan,Memory Address,Data Type`
/// plus optional `Scale`, `Word Order` (HL/LH), `Expected` (a number, or `slot`), `Min`, `Max`.
/// Headers are matched case-insensitively; the existing system's "DM - Memory" and "scale" are
/// accepted as aliases. Every error names the origin, the line and the problem.

#include <string>
#include <string_view>

#include "plcbridge/core/result.hpp"
#include "plcbridge/memory_map/memory_map.hpp"

namespace plcbridge::memory_map {

[[nodiscard]] Result<MemoryMap> parse_map_csv(std::string_view text, std::string origin);
[[nodiscard]] Result<MemoryMap> load_map_csv(const std::string& path);
/// The CSV text of `map` (round-trips through parse_map_csv).
[[nodiscard]] std::string write_map_csv(const MemoryMap& map);

/// "D6001-6008", "D6001-D6008", "D6073" -> first word and word count (DM only).
struct AddressRange {
    std::uint16_t first = 0;
    std::uint16_t words = 1;
};
[[nodiscard]] Result<AddressRange> parse_address_range(std::string_view text);

}  // namespace plcbridge::memory_map
