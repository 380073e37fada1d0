#pragma once
// Row <-> record mapping shared by the SqlRepository source files (internal to store/).

#include <string>

#include "plcbridge/store/records.hpp"
#include "plcbridge/store/sql_connection.hpp"

namespace plcbridge::store {

/// Amounts are stored as kg with two decimals.
inline constexpr std::uint32_t kAmountScale = 100;

[[nodiscard]] SqlValue db_decimal(const Decimal& value);
[[nodiscard]] Decimal decimal_from(const Row& row, std::size_t column);
[[nodiscard]] TimePoint time_from(const Row& row, std::size_t column);
[[nodiscard]] std::optional<TimePoint> optional_time_from(const Row& row, std::size_t column);

inline constexpr std::string_view kBatchColumns =
    "id, batch_no, mo_id, bom, finished_goods, quantity, weight_finished_good, status_manufacturing, "
    "status_operation, status_read_data, failure_reads, last_read_from_plc, last_change_from_plc, created_at, "
    "updated_at, line";
[[nodiscard]] Batch batch_from_row(const Row& row);
/// equipment_code, planned, actual starting at `first`.
[[nodiscard]] BatchLine line_from_row(const Row& row, std::size_t first);

inline constexpr std::string_view kHistoryColumns =
    "id, batch_id, batch_no, mo_id, bom, finished_goods, quantity, weight_finished_good, status, notes, "
    "status_manufacturing, status_operation, last_read_from_plc, batch_created_at, created_at, line";
/// A history row without its lines.
[[nodiscard]] History history_from_row(const Row& row);

inline constexpr std::string_view kJobColumns =
    "id, kind, batch_id, mo_id, state, attempts, next_attempt_at, lease_until, claimed_by, last_error, payload, "
    "created_at, updated_at";
[[nodiscard]] Job job_from_row(const Row& row);

}  // namespace plcbridge::store
