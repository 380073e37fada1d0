#include "plcbridge/store/sql_repository.hpp"

#include <thread>

#include <fmt/format.h>

#include "plcbridge/store/errc.hpp"
#include "plcbridge/store/line_lease.hpp"
#include "plcbridge/store/migrations.hpp"
#include "plcbridge/store/sql_rows.hpp"

namespace plcbridge::store {

namespace {
constexpr int kAttempts = 4;
constexpr std::chrono::milliseconds kFirstBackoff{50};
}  // namespace

Result<std::unique_ptr<SqlRepository>> SqlRepository::open(const DatabaseUrl& url, int line) {
    auto connection = open_connection(url);
    if (!connection) return std::move(connection).error();
    if (auto migrated = migrate(**connection); !migrated) return std::move(migrated).error();
    return std::make_unique<SqlRepository>(std::move(*connection), line);
}

SqlRepository::SqlRepository(std::unique_ptr<SqlConnection> connection, int line)
    : connection_(std::move(connection)), line_(line) {}

namespace {
/// The classes that mean "the database cannot be reached or written now" (retried, reconnecting),
/// as opposed to a definitive answer about this operation.
bool is_outage(const Error& e) {
    return e.code == Errc::unavailable || e.code == Errc::busy;
}
}  // namespace

template <class T>
Result<T> SqlRepository::transaction(const std::function<Result<T>(SqlConnection&)>& body, Access access) {
    std::optional<Error> last;
    for (int attempt = 0; attempt < kAttempts; ++attempt) {
        if (attempt > 0) std::this_thread::sleep_for(kFirstBackoff * (1 << (attempt - 1)));
        if (last && last->code == Errc::unavailable) {
            ++health_.reconnects;
            if (auto reopened = connection_->reconnect(); !reopened) {
                last = std::move(reopened).error();
                continue;
            }
        }
        if (auto same = connection_->check_file(); !same) {
            last = std::move(same).error();
            continue;
        }
        auto begun = connection_->execute_script(connection_->dialect().begin_write);
        if (!begun) {
            last = std::move(begun).error();
            if (is_outage(*last)) continue;
            break;
        }
        // Row conversions throw on a value that is not what its column promises (a hand-edited or
        // corrupt database): that is this operation's error, not the end of the database thread.
        Result<T> result = make_error(Errc::query, "no result");
        try {
            if (auto fenced = access == Access::write ? check_leadership() : Result<void>{}; !fenced)
                result = std::move(fenced).error();
            else
                result = body(*connection_);
        } catch (const std::exception& e) {
            result = make_error(Errc::query, fmt::format("{}: unreadable value in the database: {}",
                                                         connection_->describe(), e.what()));
        }
        if (!result) {
            (void)connection_->execute_script("ROLLBACK");
            last = result.error();
            if (is_outage(*last)) continue;
            note_answer(access, nullptr);
            return result;  // a definitive answer (constraint, not found, ...): no retry
        }
        if (auto committed = connection_->execute_script("COMMIT"); !committed) {
            // Outcome unknown on a lost connection: every operation is idempotent, so retrying is safe.
            last = std::move(committed).error();
            (void)connection_->execute_script("ROLLBACK");
            if (is_outage(*last)) continue;
            break;
        }
        note_answer(access, nullptr);
        return result;
    }
    Error error = last.value_or(make_error(Errc::unavailable, "no attempt made"));
    error.detail = fmt::format("{} (after {} attempts)", error.detail, kAttempts);
    note_answer(access, &error);
    return error;
}

Result<void> SqlRepository::check_leadership() {
    if (fence_ == nullptr || !fence_->is_leased()) return {};
    const std::int64_t epoch = fence_->epoch();
    if (!fence_->leading()) {
        return make_error(Errc::fenced, fmt::format("line {}: this instance does not hold the line's lease (a standby, "
                                                    "or its lease ran out); nothing was written",
                                                    line_));
    }
    return check_fence(*connection_, line_, epoch);
}

void SqlRepository::note_answer(Access access, const Error* failure) {
    if (failure == nullptr) {
        health_.connected = true;
        health_.last_error.clear();
        // Only a write proves that writes work again: during a read-only episode reads still succeed.
        if (access != Access::read) health_.writes_failing = false;
        return;
    }
    const bool outage = is_outage(*failure);
    if (failure->code == Errc::unavailable) health_.connected = false;
    health_.last_error = failure->message();
    if (access != Access::read && outage) {
        if (!health_.writes_failing) ++health_.write_outages;
        health_.writes_failing = true;
        health_.last_write_error = failure->message();
    }
}

// The result types the repository's operations use (defined here, used across its source files).
template Result<void> SqlRepository::transaction(const std::function<Result<void>(SqlConnection&)>&, Access);
template Result<bool> SqlRepository::transaction(const std::function<Result<bool>(SqlConnection&)>&, Access);
template Result<std::int64_t> SqlRepository::transaction(const std::function<Result<std::int64_t>(SqlConnection&)>&,
                                                         Access);
template Result<std::optional<std::int64_t>> SqlRepository::transaction(
    const std::function<Result<std::optional<std::int64_t>>(SqlConnection&)>&, Access);
template Result<BatchTotals> SqlRepository::transaction(const std::function<Result<BatchTotals>(SqlConnection&)>&,
                                                        Access);
template Result<ArchiveResult> SqlRepository::transaction(const std::function<Result<ArchiveResult>(SqlConnection&)>&,
                                                          Access);
template Result<std::vector<History>> SqlRepository::transaction(
    const std::function<Result<std::vector<History>>(SqlConnection&)>&, Access);
template Result<std::vector<Job>> SqlRepository::transaction(
    const std::function<Result<std::vector<Job>>(SqlConnection&)>&, Access);
template Result<std::optional<Job>> SqlRepository::transaction(
    const std::function<Result<std::optional<Job>>(SqlConnection&)>&, Access);
template Result<Job> SqlRepository::transaction(const std::function<Result<Job>(SqlConnection&)>&, Access);
template Result<std::optional<OperatorAccount>> SqlRepository::transaction(
    const std::function<Result<std::optional<OperatorAccount>>(SqlConnection&)>&, Access);
template Result<std::vector<OperatorAccount>> SqlRepository::transaction(
    const std::function<Result<std::vector<OperatorAccount>>(SqlConnection&)>&, Access);
template Result<std::vector<AuditEntry>> SqlRepository::transaction(
    const std::function<Result<std::vector<AuditEntry>>(SqlConnection&)>&, Access);
template Result<std::vector<StoredEquipmentFailure>> SqlRepository::transaction(
    const std::function<Result<std::vector<StoredEquipmentFailure>>(SqlConnection&)>&, Access);

namespace {
/// One batch of `line` and its lines, inside the caller's transaction.
Result<std::int64_t> insert_batch_rows(SqlConnection& c, int line, const NewBatch& b, const std::string& at) {
    const SqlValue params[] = {std::int64_t{b.batch_no}, b.mo_id, b.bom, b.finished_goods, db_decimal(b.quantity), at,
                               std::int64_t{line}};
    auto rows = c.query(
        "INSERT INTO mo_batch (batch_no, mo_id, bom, finished_goods, quantity, created_at, updated_at, line) "
        "VALUES ($1, $2, $3, $4, $5, $6, $6, $7) RETURNING id",
        params);
    if (!rows) return std::move(rows).error();
    const std::int64_t id = rows->at(0).integer(0);
    for (const BatchLine& entry : b.lines) {
        const SqlValue lp[] = {id, entry.equipment_code, db_decimal(entry.planned), db_decimal(entry.actual)};
        auto inserted = c.query(
            "INSERT INTO mo_batch_line (batch_id, equipment_code, planned, actual) VALUES ($1, $2, $3, $4)", lp);
        if (!inserted) return std::move(inserted).error();
    }
    return id;
}
}  // namespace

Result<std::int64_t> SqlRepository::insert_batch(const NewBatch& b, TimePoint now) {
    return transaction<std::int64_t>(
        [&](SqlConnection& c) -> Result<std::int64_t> { return insert_batch_rows(c, line_, b, to_db_time(now)); });
}

Result<std::vector<std::int64_t>> SqlRepository::insert_queue(std::span<const NewBatch> queue, TimePoint now) {
    return transaction<std::vector<std::int64_t>>([&](SqlConnection& c) -> Result<std::vector<std::int64_t>> {
        const std::string at = to_db_time(now);
        std::vector<std::int64_t> ids;
        for (const NewBatch& b : queue) {
            auto id = insert_batch_rows(c, line_, b, at);
            if (!id) return std::move(id).error();
            ids.push_back(*id);
        }
        return ids;
    });
}

Result<std::vector<Batch>> SqlRepository::load_batches(std::string_view where, std::span<const SqlValue> params) {
    auto rows =
        connection_->query(fmt::format("SELECT {} FROM mo_batch {} ORDER BY batch_no", kBatchColumns, where), params);
    if (!rows) return std::move(rows).error();
    std::vector<Batch> batches;
    for (const Row& row : *rows)
        batches.push_back(batch_from_row(row));
    if (batches.empty()) return batches;
    auto lines = connection_->query(
        fmt::format("SELECT batch_id, equipment_code, planned, actual FROM mo_batch_line WHERE batch_id IN "
                    "(SELECT id FROM mo_batch {}) ORDER BY batch_id, equipment_code",
                    where),
        params);
    if (!lines) return std::move(lines).error();
    for (const Row& row : *lines) {
        const std::int64_t id = row.integer(0);
        for (Batch& b : batches) {
            if (b.id == id) b.lines.push_back(line_from_row(row, 1));
        }
    }
    return batches;
}

Result<std::vector<Batch>> SqlRepository::active_batches() {
    const SqlValue params[] = {std::int64_t{line_}};
    return transaction<std::vector<Batch>>([&](SqlConnection&) { return load_batches("WHERE line = $1", params); },
                                           Access::read);
}

Result<std::optional<Batch>> SqlRepository::find_batch(std::int64_t batch_id) {
    return transaction<std::optional<Batch>>(
        [&](SqlConnection&) -> Result<std::optional<Batch>> {
            const SqlValue params[] = {batch_id};
            auto found = load_batches("WHERE id = $1", params);
            if (!found) return std::move(found).error();
            if (found->empty()) return std::optional<Batch>{};
            return std::optional<Batch>{std::move(found->front())};
        },
        Access::read);
}

Result<std::optional<Batch>> SqlRepository::find_batch_by_slot(int batch_no) {
    return transaction<std::optional<Batch>>(
        [&](SqlConnection&) -> Result<std::optional<Batch>> {
            const SqlValue params[] = {std::int64_t{batch_no}, std::int64_t{line_}};
            auto found = load_batches("WHERE batch_no = $1 AND line = $2", params);
            if (!found) return std::move(found).error();
            if (found->empty()) return std::optional<Batch>{};
            return std::optional<Batch>{std::move(found->front())};
        },
        Access::read);
}

Result<std::vector<std::int64_t>> SqlRepository::store_plc_updates(std::span<const PlcUpdate> updates) {
    return transaction<std::vector<std::int64_t>>([&](SqlConnection& c) -> Result<std::vector<std::int64_t>> {
        std::vector<std::int64_t> archived_meanwhile;
        for (const PlcUpdate& u : updates) {
            const std::string at = to_db_time(u.read_at);
            // COALESCE keeps a column when the update leaves it unset.
            const SqlValue params[] = {
                u.batch_id,
                at,
                u.status_manufacturing ? SqlValue{*u.status_manufacturing} : SqlValue{},
                u.status_read_data ? SqlValue{*u.status_read_data} : SqlValue{},
                u.weight_finished_good ? db_decimal(*u.weight_finished_good) : SqlValue{},
                u.failure_reads ? SqlValue{std::int64_t{*u.failure_reads}} : SqlValue{},
                u.changes_values() ? SqlValue{at} : SqlValue{},
                u.status_operation ? SqlValue{*u.status_operation} : SqlValue{},
            };
            auto updated = c.query(
                "UPDATE mo_batch SET last_read_from_plc = $2, "
                "status_manufacturing = COALESCE($3, status_manufacturing), "
                "status_read_data = COALESCE($4, status_read_data), "
                "status_operation = COALESCE($8, status_operation), "
                "weight_finished_good = COALESCE($5, weight_finished_good), "
                "failure_reads = COALESCE($6, failure_reads), "
                "last_change_from_plc = COALESCE($7, last_change_from_plc), "
                "updated_at = COALESCE($7, updated_at) "
                "WHERE id = $1 RETURNING id",
                params);
            if (!updated) return std::move(updated).error();
            if (updated->empty()) {
                archived_meanwhile.push_back(u.batch_id);
                continue;
            }
            for (const auto& [code, actual] : u.actuals) {
                const SqlValue lp[] = {u.batch_id, code, db_decimal(actual)};
                auto line = c.query(
                    "INSERT INTO mo_batch_line (batch_id, equipment_code, actual) VALUES ($1, $2, $3) "
                    "ON CONFLICT (batch_id, equipment_code) DO UPDATE SET actual = excluded.actual",
                    lp);
                if (!line) return std::move(line).error();
            }
        }
        return archived_meanwhile;
    });
}

Result<FailureEdge> SqlRepository::record_failure(std::int64_t batch_id, TimePoint now) {
    return transaction<FailureEdge>([&](SqlConnection& c) -> Result<FailureEdge> {
        const SqlValue id[] = {batch_id};
        auto rows = c.query(
            fmt::format("SELECT status_operation, mo_id, line FROM mo_batch WHERE id = $1{}", c.dialect().for_update),
            id);
        if (!rows) return std::move(rows).error();
        if (rows->empty()) return make_error(Errc::not_found, fmt::format("batch id {} is not active", batch_id));
        if (rows->front().boolean(0)) {
            auto job = c.query("SELECT id FROM odoo_job WHERE kind = 'cancel' AND batch_id = $1 ORDER BY id DESC", id);
            if (!job) return std::move(job).error();
            return FailureEdge{false, job->empty() ? 0 : job->front().integer(0)};
        }
        const std::string mo_id = rows->front().text(1);
        const std::int64_t line = rows->front().integer(2);
        const std::string at = to_db_time(now);
        const SqlValue update[] = {batch_id, at};
        if (auto set = c.query("UPDATE mo_batch SET status_operation = TRUE, updated_at = $2 WHERE id = $1", update);
            !set) {
            return std::move(set).error();
        }
        const SqlValue job[] = {batch_id, mo_id, at, line};
        auto created = c.query(
            "INSERT INTO odoo_job (kind, batch_id, mo_id, state, next_attempt_at, created_at, updated_at, line) "
            "VALUES ('cancel', $1, $2, 'pending', $3, $3, $3, $4) RETURNING id",
            job);
        if (!created) return std::move(created).error();
        return FailureEdge{true, created->at(0).integer(0)};
    });
}

}  // namespace plcbridge::store
