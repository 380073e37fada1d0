#pragma once
/// The history as CSV for a spreadsheet (GET /api/histories.csv): one row per consumption line
/// (a batch without lines gets one row), RFC 4180 quoting, and text cells that a spreadsheet would
/// run as a formula (= + - @ at the start) prefixed with an apostrophe. Amounts keep the PLC's two
/// decimals; times are ISO-8601 UTC.

#include <string>
#include <vector>

#include "plcbridge/store/records.hpp"

namespace plcbridge::api {

[[nodiscard]] std::string histories_csv(const std::vector<store::History>& histories);

}  // namespace plcbridge::api
