#pragma once
/// Minimal RFC 4180 CSV: comma-separated, double-quoted fields may hold commas and "" quotes.
/// Enough for memory-map files written by spreadsheets; every line is bounded by the input.

#include <string>
#include <string_view>
#include <vector>

#include "plcbridge/core/result.hpp"

namespace plcbridge::memory_map {

struct CsvRow {
    int line = 0;  ///< 1-based line number in the text
    std::vector<std::string> cells;
};

/// Splits `text` into rows; blank lines are skipped. A quote left open is Errc::bad_map_file
/// naming the line where the cell began.
[[nodiscard]] Result<std::vector<CsvRow>> parse_csv(std::string_view text);

/// One cell, quoted only when it needs to be.
[[nodiscard]] std::string csv_cell(std::string_view value);

}  // namespace plcbridge::memory_map
