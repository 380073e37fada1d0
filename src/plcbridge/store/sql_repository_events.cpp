// SqlRepository: equipment failures and the operator event log.
#include "plcbridge/store/sql_repository.hpp"
#include "plcbridge/store/sql_rows.hpp"

#include <algorithm>

namespace plcbridge::store {

namespace {
/// The event's row, inside the caller's transaction; nullopt when the same event is stored already.
Result<std::optional<std::int64_t>> insert_failure_row(SqlConnection& c, int line, const EquipmentFailure& f,
                                                       const std::string& detected_at) {
    const SqlValue params[] = {f.equipment_code, f.info, to_db_time(f.occurred_at), detected_at, std::int64_t{line}};
    auto rows = c.query(
        "INSERT INTO equipment_failure (equipment_code, info, occurred_at, detected_at, line) "
        "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (line, equipment_code, info, occurred_at) DO NOTHING RETURNING id",
        params);
    if (!rows) return std::move(rows).error();
    if (rows->empty()) return std::optional<std::int64_t>{};
    return std::optional<std::int64_t>{rows->front().integer(0)};
}
}  // namespace

Result<std::optional<std::int64_t>> SqlRepository::insert_equipment_failure(const EquipmentFailure& f,
                                                                            TimePoint detected_at) {
    return transaction<std::optional<std::int64_t>>([&](SqlConnection& c) -> Result<std::optional<std::int64_t>> {
        return insert_failure_row(c, line_, f, to_db_time(detected_at));
    });
}

Result<std::optional<std::int64_t>> SqlRepository::record_equipment_failure(const EquipmentFailure& f,
                                                                            TimePoint detected_at,
                                                                            const std::string& report_payload) {
    return transaction<std::optional<std::int64_t>>([&](SqlConnection& c) -> Result<std::optional<std::int64_t>> {
        const std::string at = to_db_time(detected_at);
        auto stored = insert_failure_row(c, line_, f, at);
        if (!stored || !stored->has_value()) return stored;
        const SqlValue job[] = {f.equipment_code, report_payload, at, std::int64_t{line_}};
        auto created = c.query(
            "INSERT INTO odoo_job (kind, batch_id, mo_id, state, payload, next_attempt_at, created_at, updated_at, "
            "line) VALUES ('equipment_failure', NULL, $1, 'pending', $2, $3, $3, $3, $4)",
            job);
        if (!created) return std::move(created).error();
        return stored;
    });
}

Result<std::vector<StoredEquipmentFailure>> SqlRepository::recent_equipment_failures(int limit) {
    return transaction<std::vector<StoredEquipmentFailure>>(
        [&](SqlConnection& c) -> Result<std::vector<StoredEquipmentFailure>> {
            const SqlValue params[] = {std::int64_t{std::clamp(limit, 1, 1000)}, std::int64_t{line_}};
            auto rows = c.query(
                "SELECT id, equipment_code, info, occurred_at, detected_at FROM equipment_failure WHERE line = $2 "
                "ORDER BY occurred_at DESC, id DESC LIMIT $1",
                params);
            if (!rows) return std::move(rows).error();
            std::vector<StoredEquipmentFailure> out;
            for (const Row& r : *rows) {
                out.push_back(StoredEquipmentFailure{
                    r.integer(0), EquipmentFailure{r.text(1), r.text(2), time_from(r, 3)}, time_from(r, 4)});
            }
            return out;
        },
        Access::read);
}

Result<void> SqlRepository::log_event(const EventEntry& e) {
    return transaction<void>([&](SqlConnection& c) -> Result<void> {
        const SqlValue params[] = {to_db_time(e.at),
                                   e.level,
                                   e.category,
                                   e.batch_no ? SqlValue{std::int64_t{*e.batch_no}} : SqlValue{},
                                   e.mo_id,
                                   e.message,
                                   std::int64_t{line_}};
        auto rows = c.query(
            "INSERT INTO event_log (at, level, category, batch_no, mo_id, message, line) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7)",
            params);
        if (!rows) return std::move(rows).error();
        return {};
    });
}

Result<std::int64_t> SqlRepository::prune_events(TimePoint before) {
    return transaction<std::int64_t>([&](SqlConnection& c) -> Result<std::int64_t> {
        const SqlValue params[] = {to_db_time(before), std::int64_t{line_}};
        auto rows = c.query("DELETE FROM event_log WHERE at < $1 AND line = $2 RETURNING id", params);
        if (!rows) return std::move(rows).error();
        return static_cast<std::int64_t>(rows->size());
    });
}

}  // namespace plcbridge::store
