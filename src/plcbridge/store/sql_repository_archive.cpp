// SqlRepository: archiving a batch into mo_histories, and reading the history.
#include <fmt/format.h>

#include "plcbridge/store/errc.hpp"
#include "plcbridge/store/sql_repository.hpp"
#include "plcbridge/store/sql_rows.hpp"

namespace plcbridge::store {

namespace {
/// "contains `text`" for LIKE ... ESCAPE '!': the user's %, _ and ! match themselves.
std::string like_pattern(const std::string& text) {
    std::string out = "%";
    for (char ch : text) {
        if (ch == '%' || ch == '_' || ch == '!') out.push_back('!');
        out.push_back(ch);
    }
    out.push_back('%');
    return out;
}
}  // namespace

Result<ArchiveResult> SqlRepository::archive_batch(std::int64_t batch_id, ArchiveStatus status,
                                                   const std::string& notes, TimePoint now) {
    return transaction<ArchiveResult>([&](SqlConnection& c) -> Result<ArchiveResult> {
        const SqlValue id[] = {batch_id};
        // Lock the batch row: a second archiver waits here and then finds it gone.
        auto batch = c.query(fmt::format("SELECT id FROM mo_batch WHERE id = $1{}", c.dialect().for_update), id);
        if (!batch) return std::move(batch).error();
        if (batch->empty()) {
            auto archived = c.query("SELECT id FROM mo_histories WHERE batch_id = $1", id);
            if (!archived) return std::move(archived).error();
            if (!archived->empty()) return ArchiveResult::already_archived;
            return make_error(Errc::not_found, fmt::format("batch id {} is neither active nor archived", batch_id));
        }
        const std::string at = to_db_time(now);
        const SqlValue copy[] = {batch_id, std::string(archive_status_name(status)), notes, at};
        auto history = c.query(
            "INSERT INTO mo_histories (batch_id, batch_no, mo_id, bom, finished_goods, quantity, weight_finished_good, "
            "status, notes, status_manufacturing, status_operation, last_read_from_plc, batch_created_at, created_at, "
            "line) SELECT id, batch_no, mo_id, bom, finished_goods, quantity, weight_finished_good, $2, $3, "
            "status_manufacturing, status_operation, last_read_from_plc, created_at, $4, line FROM mo_batch "
            "WHERE id = $1 RETURNING id",
            copy);
        if (!history) return std::move(history).error();
        const SqlValue lines[] = {history->at(0).integer(0), batch_id};
        if (auto copied = c.query("INSERT INTO mo_history_line (history_id, equipment_code, planned, actual) "
                                  "SELECT $1, equipment_code, planned, actual FROM mo_batch_line WHERE batch_id = $2",
                                  lines);
            !copied) {
            return std::move(copied).error();
        }
        if (auto deleted = c.query("DELETE FROM mo_batch_line WHERE batch_id = $1", id); !deleted) {
            return std::move(deleted).error();
        }
        if (auto deleted = c.query("DELETE FROM mo_batch WHERE id = $1", id); !deleted)
            return std::move(deleted).error();
        const SqlValue close[] = {batch_id, at};
        if (auto closed =
                c.query("UPDATE odoo_job SET state = 'done', lease_until = NULL, claimed_by = '', updated_at = $2 "
                        "WHERE batch_id = $1 AND state IN ('pending', 'odoo_done')",
                        close);
            !closed) {
            return std::move(closed).error();
        }
        return ArchiveResult::archived;
    });
}

Result<std::vector<History>> SqlRepository::histories(const HistoryFilter& filter) {
    return transaction<std::vector<History>>(
        [&](SqlConnection& c) -> Result<std::vector<History>> {
            const SqlValue params[] = {
                filter.status ? SqlValue{*filter.status} : SqlValue{},
                filter.mo_id ? SqlValue{*filter.mo_id} : SqlValue{},
                std::int64_t{std::clamp(filter.limit, 1, 1000)},
                std::int64_t{std::max(filter.offset, 0)},
                filter.product ? SqlValue{like_pattern(*filter.product)} : SqlValue{},
                filter.from ? SqlValue{to_db_time(*filter.from)} : SqlValue{},
                filter.before ? SqlValue{to_db_time(*filter.before)} : SqlValue{},
                std::int64_t{filter.all_lines ? 0 : line_},
            };
            // CAST(... AS TEXT) IS NULL: an unset filter; PostgreSQL needs the type of an untyped NULL.
            auto rows =
                c.query(fmt::format("SELECT {} FROM mo_histories WHERE ($8 = 0 OR line = $8) "
                                    "AND (CAST($1 AS TEXT) IS NULL OR status = $1) "
                                    "AND (CAST($2 AS TEXT) IS NULL OR mo_id = $2) "
                                    "AND (CAST($5 AS TEXT) IS NULL OR LOWER(finished_goods) LIKE LOWER($5) ESCAPE '!') "
                                    "AND (CAST($6 AS TEXT) IS NULL OR created_at >= {}) "
                                    "AND (CAST($7 AS TEXT) IS NULL OR created_at < {}) "
                                    "ORDER BY created_at DESC, id DESC LIMIT $3 OFFSET $4",
                                    kHistoryColumns,
                                    c.dialect().backend == Backend::postgresql ? "CAST($6 AS TIMESTAMPTZ)" : "$6",
                                    c.dialect().backend == Backend::postgresql ? "CAST($7 AS TIMESTAMPTZ)" : "$7"),
                        params);
            if (!rows) return std::move(rows).error();
            std::vector<History> out;
            for (const Row& r : *rows) {
                History h = history_from_row(r);
                const SqlValue hid[] = {h.id};
                auto lines = c.query(
                    "SELECT equipment_code, planned, actual FROM mo_history_line WHERE history_id = $1 ORDER BY "
                    "equipment_code",
                    hid);
                if (!lines) return std::move(lines).error();
                for (const Row& l : *lines)
                    h.lines.push_back(line_from_row(l, 0));
                out.push_back(std::move(h));
            }
            return out;
        },
        Access::read);
}

Result<bool> SqlRepository::mo_in_history(const std::string& mo_id) {
    return transaction<bool>(
        [&](SqlConnection& c) -> Result<bool> {
            const SqlValue params[] = {mo_id};
            auto rows = c.query("SELECT 1 FROM mo_histories WHERE mo_id = $1 LIMIT 1", params);
            if (!rows) return std::move(rows).error();
            return !rows->empty();
        },
        Access::read);
}

Result<BatchTotals> SqlRepository::batch_totals(std::string_view auto_cancel_note) {
    return transaction<BatchTotals>(
        [&](SqlConnection& c) -> Result<BatchTotals> {
            const SqlValue params[] = {std::string(auto_cancel_note), std::int64_t{line_}};
            auto rows = c.query(
                "SELECT (SELECT COUNT(*) FROM mo_batch WHERE line = $2), "
                "(SELECT COUNT(*) FROM mo_histories WHERE line = $2 AND status = 'completed'), "
                "(SELECT COUNT(*) FROM mo_histories WHERE line = $2 AND status = 'cancelled' AND notes = $1), "
                "(SELECT COUNT(*) FROM mo_histories WHERE line = $2 AND status = 'cancelled' "
                "AND (notes IS NULL OR notes <> $1))",
                params);
            if (!rows) return std::move(rows).error();
            const Row& row = rows->at(0);
            return BatchTotals{row.integer(0), row.integer(1), row.integer(2), row.integer(3)};
        },
        Access::read);
}

}  // namespace plcbridge::store
