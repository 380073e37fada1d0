#include "plcbridge/store/sql_rows.hpp"

#include <stdexcept>

namespace plcbridge::store {

SqlValue db_decimal(const Decimal& value) {
    auto scaled = value.rescaled(kAmountScale);
    return SqlValue{scaled ? scaled->to_string() : value.to_string()};
}

Decimal decimal_from(const Row& row, std::size_t column) {
    if (row.is_null(column)) return Decimal{0, kAmountScale};
    // SQLite may hand back "150", "150.0" or "150.07"; PostgreSQL "150.00".
    auto d = Decimal::parse(row.text(column), kAmountScale);
    if (!d) throw std::runtime_error("not a decimal column value: " + row.text(column));
    return *d;
}

TimePoint time_from(const Row& row, std::size_t column) {
    auto t = from_db_time(row.text(column));
    if (!t) throw std::runtime_error("not a timestamp column value: " + row.text(column));
    return *t;
}

std::optional<TimePoint> optional_time_from(const Row& row, std::size_t column) {
    if (row.is_null(column)) return std::nullopt;
    return time_from(row, column);
}

Batch batch_from_row(const Row& r) {
    Batch b;
    b.id = r.integer(0);
    b.batch_no = static_cast<int>(r.integer(1));
    b.mo_id = r.text(2);
    b.bom = r.text(3);
    b.finished_goods = r.text(4);
    b.quantity = decimal_from(r, 5);
    b.weight_finished_good = decimal_from(r, 6);
    b.status_manufacturing = r.boolean(7);
    b.status_operation = r.boolean(8);
    b.status_read_data = r.boolean(9);
    b.failure_reads = static_cast<int>(r.integer(10));
    b.last_read_from_plc = optional_time_from(r, 11);
    b.last_change_from_plc = optional_time_from(r, 12);
    b.created_at = time_from(r, 13);
    b.updated_at = time_from(r, 14);
    b.line = static_cast<int>(r.integer(15));
    return b;
}

BatchLine line_from_row(const Row& r, std::size_t first) {
    return BatchLine{r.text(first), decimal_from(r, first + 1), decimal_from(r, first + 2)};
}

History history_from_row(const Row& r) {
    History h;
    h.id = r.integer(0);
    h.batch_id = r.integer(1);
    h.batch_no = static_cast<int>(r.integer(2));
    h.mo_id = r.text(3);
    h.bom = r.text(4);
    h.finished_goods = r.text(5);
    h.quantity = decimal_from(r, 6);
    h.weight_finished_good = decimal_from(r, 7);
    h.status = r.text(8);
    h.notes = r.text(9);
    h.status_manufacturing = r.boolean(10);
    h.status_operation = r.boolean(11);
    h.last_read_from_plc = optional_time_from(r, 12);
    h.batch_created_at = time_from(r, 13);
    h.created_at = time_from(r, 14);
    h.line = static_cast<int>(r.integer(15));
    return h;
}

Job job_from_row(const Row& r) {
    Job j;
    j.id = r.integer(0);
    j.kind = parse_job_kind(r.text(1)).value_or(JobKind::cancel);
    j.batch_id = r.optional_integer(2);
    j.mo_id = r.text(3);
    j.state = parse_job_state(r.text(4)).value_or(JobState::needs_attention);
    j.attempts = static_cast<int>(r.integer(5));
    j.next_attempt_at = time_from(r, 6);
    j.lease_until = optional_time_from(r, 7);
    j.claimed_by = r.text(8);
    j.last_error = r.text(9);
    j.payload = r.text(10);
    j.created_at = time_from(r, 11);
    j.updated_at = time_from(r, 12);
    return j;
}

}  // namespace plcbridge::store
