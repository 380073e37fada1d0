#pragma once
/// Timestamps in the database: written as ISO-8601 UTC text ("2026-11-28T16:30:20.123Z", which
/// SQLite's DATE() and PostgreSQL's timestamptz both accept), read back from either form
/// ("2026-11-28 16:30:20.123+00" is what PostgreSQL answers).

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace plcbridge::store {

using TimePoint = std::chrono::system_clock::time_point;

[[nodiscard]] std::string to_db_time(TimePoint t);
[[nodiscard]] std::optional<TimePoint> from_db_time(std::string_view text);

}  // namespace plcbridge::store
