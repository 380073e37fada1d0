#include "plcbridge/store/migrations.hpp"

#include <string>
#include <vector>

#include <fmt/format.h>

#include "plcbridge/store/errc.hpp"
#include "plcbridge/store/time_text.hpp"

namespace plcbridge::store {
namespace {

struct Migration {
    int version;
    std::string_view description;
    std::string (*sql)(const Dialect&);
};

// Version 1: the tables of docs/CONTRACT.md "Database" plus the job table, failures and event log.
// Amounts are kg with two decimals; timestamps are UTC.

/// The batches and their archive, each with its lines.
std::string v1_batch_tables(const Dialect& d) {
    return fmt::format(R"sql(
CREATE TABLE mo_batch (
    id {id},
    batch_no INTEGER NOT NULL,
    mo_id TEXT NOT NULL,
    bom TEXT NOT NULL DEFAULT '',
    finished_goods TEXT NOT NULL DEFAULT '',
    quantity NUMERIC(14,2) NOT NULL DEFAULT 0,
    weight_finished_good NUMERIC(14,2) NOT NULL DEFAULT 0,
    status_manufacturing BOOLEAN NOT NULL DEFAULT FALSE,
    status_operation BOOLEAN NOT NULL DEFAULT FALSE,
    status_read_data BOOLEAN NOT NULL DEFAULT FALSE,
    failure_reads INTEGER NOT NULL DEFAULT 0,
    last_read_from_plc {ts},
    last_change_from_plc {ts},
    created_at {ts} NOT NULL,
    updated_at {ts} NOT NULL,
    CONSTRAINT mo_batch_one_row_per_mo UNIQUE (mo_id),
    CONSTRAINT mo_batch_one_batch_per_slot UNIQUE (batch_no)
);
CREATE TABLE mo_batch_line (
    batch_id BIGINT NOT NULL REFERENCES mo_batch(id) ON DELETE CASCADE,
    equipment_code TEXT NOT NULL,
    planned NUMERIC(14,2) NOT NULL DEFAULT 0,
    actual NUMERIC(14,2) NOT NULL DEFAULT 0,
    PRIMARY KEY (batch_id, equipment_code)
);
CREATE TABLE mo_histories (
    id {id},
    batch_id BIGINT NOT NULL,
    batch_no INTEGER NOT NULL,
    mo_id TEXT NOT NULL,
    bom TEXT NOT NULL DEFAULT '',
    finished_goods TEXT NOT NULL DEFAULT '',
    quantity NUMERIC(14,2) NOT NULL DEFAULT 0,
    weight_finished_good NUMERIC(14,2) NOT NULL DEFAULT 0,
    status TEXT NOT NULL CHECK (status IN ('completed', 'cancelled')),
    notes TEXT NOT NULL DEFAULT '',
    status_manufacturing BOOLEAN NOT NULL,
    status_operation BOOLEAN NOT NULL,
    last_read_from_plc {ts},
    batch_created_at {ts} NOT NULL,
    created_at {ts} NOT NULL,
    CONSTRAINT mo_histories_archived_once UNIQUE (batch_id)
);
CREATE INDEX mo_histories_by_mo ON mo_histories (mo_id);
CREATE INDEX mo_histories_by_time ON mo_histories (created_at);
CREATE TABLE mo_history_line (
    history_id BIGINT NOT NULL REFERENCES mo_histories(id) ON DELETE CASCADE,
    equipment_code TEXT NOT NULL,
    planned NUMERIC(14,2) NOT NULL DEFAULT 0,
    actual NUMERIC(14,2) NOT NULL DEFAULT 0,
    PRIMARY KEY (history_id, equipment_code)
);
)sql",
                       fmt::arg("id", d.id_column), fmt::arg("ts", d.timestamp_type));
}

/// The durable Odoo jobs, the equipment failures and the event log.
std::string v1_job_and_event_tables(const Dialect& d) {
    return fmt::format(R"sql(CREATE TABLE odoo_job (
    id {id},
    kind TEXT NOT NULL CHECK (kind IN ('cancel', 'consumption', 'mark_done', 'equipment_failure')),
    batch_id BIGINT,
    mo_id TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL CHECK (state IN ('pending', 'odoo_done', 'done', 'refused', 'needs_attention')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at {ts} NOT NULL,
    lease_until {ts},
    claimed_by TEXT NOT NULL DEFAULT '',
    last_error TEXT NOT NULL DEFAULT '',
    payload TEXT NOT NULL DEFAULT '',
    created_at {ts} NOT NULL,
    updated_at {ts} NOT NULL
);
CREATE UNIQUE INDEX odoo_job_one_open_per_batch ON odoo_job (kind, batch_id) WHERE state IN ('pending', 'odoo_done');
CREATE INDEX odoo_job_due ON odoo_job (state, next_attempt_at);
CREATE TABLE equipment_failure (
    id {id},
    equipment_code TEXT NOT NULL,
    info TEXT NOT NULL,
    occurred_at {ts} NOT NULL,
    detected_at {ts} NOT NULL,
    CONSTRAINT equipment_failure_recorded_once UNIQUE (equipment_code, info, occurred_at)
);
CREATE TABLE event_log (
    id {id},
    at {ts} NOT NULL,
    level TEXT NOT NULL,
    category TEXT NOT NULL DEFAULT '',
    batch_no INTEGER,
    mo_id TEXT NOT NULL DEFAULT '',
    message TEXT NOT NULL
);
CREATE INDEX event_log_by_time ON event_log (at);
)sql",
                       fmt::arg("id", d.id_column), fmt::arg("ts", d.timestamp_type));
}

std::string v1_initial(const Dialect& d) {
    return v1_batch_tables(d) + v1_job_and_event_tables(d);
}

// Version 2: the operator console's named accounts and its audit trail (docs/CONSOLE.md).

/// Rows of audit_log are never changed or removed, whoever asks: the database refuses it.
std::string v2_append_only_audit(const Dialect& d) {
    if (d.backend == Backend::postgresql) {
        return R"sql(
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $body$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: rows are never changed or deleted';
END
$body$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
)sql";
    }
    return R"sql(
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: rows are never changed or deleted'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: rows are never changed or deleted'); END;
)sql";
}

std::string v2_accounts_and_audit(const Dialect& d) {
    return fmt::format(R"sql(
CREATE TABLE operator_account (
    id {id},
    username TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('viewer', 'operator', 'admin')),
    password_hash TEXT NOT NULL,
    disabled BOOLEAN NOT NULL DEFAULT FALSE,
    created_at {ts} NOT NULL,
    updated_at {ts} NOT NULL,
    CONSTRAINT operator_account_unique_name UNIQUE (username)
);
CREATE TABLE audit_log (
    id {id},
    at {ts} NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL DEFAULT '',
    reason TEXT NOT NULL DEFAULT '',
    outcome TEXT NOT NULL
);
CREATE INDEX audit_log_by_time ON audit_log (at);
)sql",
                       fmt::arg("id", d.id_column), fmt::arg("ts", d.timestamp_type)) +
           v2_append_only_audit(d);
}

// Version 3: failover (docs/FAILOVER.md). One row per line says who leads it, with the fencing
// epoch every leader's write checks; one row per running instance says who stands by.
std::string v3_line_leadership(const Dialect& d) {
    return fmt::format(R"sql(
CREATE TABLE line_leader (
    line INTEGER PRIMARY KEY,
    epoch BIGINT NOT NULL CHECK (epoch > 0),
    holder TEXT NOT NULL,
    since {ts} NOT NULL,
    lease_until {ts} NOT NULL
);
CREATE TABLE bridge_instance (
    instance TEXT PRIMARY KEY,
    line INTEGER NOT NULL,
    fins_node INTEGER NOT NULL,
    api TEXT NOT NULL,
    started_at {ts} NOT NULL,
    seen_at {ts} NOT NULL
);
)sql",
                       fmt::arg("ts", d.timestamp_type));
}

// Version 4: several lines per deployment (docs/LINES.md). The line's data carries its line; rows
// from before are line 1. A slot is a line's slot, and an equipment event its PLC's.

/// PostgreSQL changes constraints in place.
std::string v4_lines_postgresql() {
    return R"sql(
ALTER TABLE mo_batch ADD COLUMN line INTEGER NOT NULL DEFAULT 1;
ALTER TABLE mo_batch DROP CONSTRAINT mo_batch_one_batch_per_slot;
ALTER TABLE mo_batch ADD CONSTRAINT mo_batch_one_batch_per_slot UNIQUE (line, batch_no);
ALTER TABLE equipment_failure ADD COLUMN line INTEGER NOT NULL DEFAULT 1;
ALTER TABLE equipment_failure DROP CONSTRAINT equipment_failure_recorded_once;
ALTER TABLE equipment_failure ADD CONSTRAINT equipment_failure_recorded_once
    UNIQUE (line, equipment_code, info, occurred_at);
)sql";
}

/// SQLite cannot change a constraint: the two tables are built anew beside the old ones, filled,
/// and renamed over them. They are spelled out here rather than shared with v1: a migration is the
/// schema as it was at its version, and must not change when a later one does. mo_batch_line moves
/// with mo_batch (its rows would go with the old table's ON DELETE CASCADE), and each table's
/// AUTOINCREMENT counter is carried over, so an id that was ever given (and may be in mo_histories)
/// is never given again.
std::string v4_lines_sqlite(const Dialect& d) {
    return fmt::format(R"sql(
CREATE TABLE mo_batch_v4 (
    id {id},
    line INTEGER NOT NULL DEFAULT 1,
    batch_no INTEGER NOT NULL,
    mo_id TEXT NOT NULL,
    bom TEXT NOT NULL DEFAULT '',
    finished_goods TEXT NOT NULL DEFAULT '',
    quantity NUMERIC(14,2) NOT NULL DEFAULT 0,
    weight_finished_good NUMERIC(14,2) NOT NULL DEFAULT 0,
    status_manufacturing BOOLEAN NOT NULL DEFAULT FALSE,
    status_operation BOOLEAN NOT NULL DEFAULT FALSE,
    status_read_data BOOLEAN NOT NULL DEFAULT FALSE,
    failure_reads INTEGER NOT NULL DEFAULT 0,
    last_read_from_plc {ts},
    last_change_from_plc {ts},
    created_at {ts} NOT NULL,
    updated_at {ts} NOT NULL,
    CONSTRAINT mo_batch_one_row_per_mo UNIQUE (mo_id),
    CONSTRAINT mo_batch_one_batch_per_slot UNIQUE (line, batch_no)
);
INSERT INTO mo_batch_v4 (id, line, batch_no, mo_id, bom, finished_goods, quantity, weight_finished_good,
    status_manufacturing, status_operation, status_read_data, failure_reads, last_read_from_plc,
    last_change_from_plc, created_at, updated_at)
SELECT id, 1, batch_no, mo_id, bom, finished_goods, quantity, weight_finished_good, status_manufacturing,
    status_operation, status_read_data, failure_reads, last_read_from_plc, last_change_from_plc, created_at,
    updated_at FROM mo_batch;
CREATE TABLE mo_batch_line_v4 (
    batch_id BIGINT NOT NULL REFERENCES mo_batch_v4(id) ON DELETE CASCADE,
    equipment_code TEXT NOT NULL,
    planned NUMERIC(14,2) NOT NULL DEFAULT 0,
    actual NUMERIC(14,2) NOT NULL DEFAULT 0,
    PRIMARY KEY (batch_id, equipment_code)
);
INSERT INTO mo_batch_line_v4 (batch_id, equipment_code, planned, actual)
SELECT batch_id, equipment_code, planned, actual FROM mo_batch_line;
CREATE TABLE equipment_failure_v4 (
    id {id},
    line INTEGER NOT NULL DEFAULT 1,
    equipment_code TEXT NOT NULL,
    info TEXT NOT NULL,
    occurred_at {ts} NOT NULL,
    detected_at {ts} NOT NULL,
    CONSTRAINT equipment_failure_recorded_once UNIQUE (line, equipment_code, info, occurred_at)
);
INSERT INTO equipment_failure_v4 (id, line, equipment_code, info, occurred_at, detected_at)
SELECT id, 1, equipment_code, info, occurred_at, detected_at FROM equipment_failure;
DELETE FROM sqlite_sequence WHERE name IN ('mo_batch_v4', 'equipment_failure_v4');
INSERT INTO sqlite_sequence (name, seq) SELECT 'mo_batch_v4', seq FROM sqlite_sequence WHERE name = 'mo_batch';
INSERT INTO sqlite_sequence (name, seq)
    SELECT 'equipment_failure_v4', seq FROM sqlite_sequence WHERE name = 'equipment_failure';
DROP TABLE mo_batch_line;
DROP TABLE mo_batch;
DROP TABLE equipment_failure;
ALTER TABLE mo_batch_v4 RENAME TO mo_batch;
ALTER TABLE mo_batch_line_v4 RENAME TO mo_batch_line;
ALTER TABLE equipment_failure_v4 RENAME TO equipment_failure;
)sql",
                       fmt::arg("id", d.id_column), fmt::arg("ts", d.timestamp_type));
}

std::string v4_lines(const Dialect& d) {
    std::string sql = d.backend == Backend::postgresql ? v4_lines_postgresql() : v4_lines_sqlite(d);
    // bridge_instance only says who runs now (every instance writes its row each poll): an
    // instance runs one row per line it serves.
    return sql + fmt::format(R"sql(
ALTER TABLE mo_histories ADD COLUMN line INTEGER NOT NULL DEFAULT 1;
CREATE INDEX mo_histories_by_line ON mo_histories (line, created_at);
ALTER TABLE odoo_job ADD COLUMN line INTEGER NOT NULL DEFAULT 1;
CREATE INDEX odoo_job_by_line ON odoo_job (line, state, next_attempt_at);
ALTER TABLE event_log ADD COLUMN line INTEGER NOT NULL DEFAULT 1;
DROP TABLE bridge_instance;
CREATE TABLE bridge_instance (
    instance TEXT NOT NULL,
    line INTEGER NOT NULL,
    fins_node INTEGER NOT NULL,
    api TEXT NOT NULL,
    started_at {ts} NOT NULL,
    seen_at {ts} NOT NULL,
    PRIMARY KEY (instance, line)
);
)sql",
                             fmt::arg("ts", d.timestamp_type));
}

constexpr Migration kMigrations[] = {
    {1, "initial schema: mo_batch, mo_histories, lines, odoo_job, equipment_failure, event_log", &v1_initial},
    {2, "operator console: operator_account, append-only audit_log", &v2_accounts_and_audit},
    {3, "failover: line_leader (lease and fencing epoch), bridge_instance", &v3_line_leadership},
    {4, "several lines: a line column on mo_batch, mo_histories, odoo_job, equipment_failure, event_log", &v4_lines},
};

constexpr std::string_view kVersionTable =
    "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, "
    "applied_at TEXT NOT NULL)";

}  // namespace

int latest_schema_version() noexcept {
    return kMigrations[std::size(kMigrations) - 1].version;
}

Result<int> schema_version(SqlConnection& c) {
    if (auto created = c.execute_script(kVersionTable); !created) return std::move(created).error();
    auto rows = c.query("SELECT COALESCE(MAX(version), 0) FROM schema_version");
    if (!rows) return std::move(rows).error();
    return static_cast<int>(rows->at(0).integer(0));
}

Result<MigrationReport> migrate(SqlConnection& c) {
    return migrate(c, latest_schema_version());
}

Result<MigrationReport> migrate(SqlConnection& c, int target) {
    if (auto created = c.execute_script(kVersionTable); !created) return std::move(created).error();
    MigrationReport report;
    for (bool first = true;; first = false) {
        if (auto begun = c.execute_script(c.dialect().begin_write); !begun) return std::move(begun).error();
        auto rollback = [&](Error e) {
            (void)c.execute_script("ROLLBACK");
            return e;
        };
        if (c.dialect().backend == Backend::postgresql) {
            // Two processes starting at once: the second waits here, then sees the new version.
            if (auto locked = c.query("SELECT pg_advisory_xact_lock(7270001)"); !locked)
                return rollback(locked.error());
        }
        auto version = c.query("SELECT COALESCE(MAX(version), 0) FROM schema_version");
        if (!version) return rollback(version.error());
        const int current = static_cast<int>(version->at(0).integer(0));
        if (first) report.from_version = current;
        if (current > latest_schema_version()) {
            return rollback(
                make_error(Errc::schema, fmt::format("{} is at schema version {}, newer than this plcbridge "
                                                     "knows ({}): upgrade plcbridge",
                                                     c.describe(), current, latest_schema_version())));
        }
        const Migration* next = nullptr;
        for (const Migration& m : kMigrations) {
            if (m.version == current + 1 && m.version <= target) next = &m;
        }
        if (next == nullptr) {
            (void)c.execute_script("ROLLBACK");
            report.to_version = current;
            return report;
        }
        if (auto applied = c.execute_script(next->sql(c.dialect())); !applied) {
            Error e = applied.error();
            e.code = make_error_code(Errc::schema);
            e.detail = fmt::format("migration {} ({}) failed: {}", next->version, next->description, e.detail);
            return rollback(e);
        }
        const SqlValue params[] = {std::int64_t{next->version}, std::string(next->description),
                                   to_db_time(std::chrono::system_clock::now())};
        if (auto recorded =
                c.query("INSERT INTO schema_version (version, description, applied_at) VALUES ($1, $2, $3)", params);
            !recorded) {
            return rollback(recorded.error());
        }
        if (auto committed = c.execute_script("COMMIT"); !committed) return std::move(committed).error();
    }
}

}  // namespace plcbridge::store
