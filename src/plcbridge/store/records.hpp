#pragma once
/// What the store keeps: active batches with their consumption lines, archived batches, durable
/// Odoo jobs, equipment failures and the operator event log (docs/CONTRACT.md "Database").

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "plcbridge/core/decimal.hpp"
#include "plcbridge/store/time_text.hpp"

namespace plcbridge::store {

using plcbridge::Decimal;

/// Planned and actual amount of one equipment for one batch (kg, two decimals).
struct BatchLine {
    std::string equipment_code;  ///< "silo101" .. "lq115"
    Decimal planned;
    Decimal actual;
    friend bool operator==(const BatchLine&, const BatchLine&) = default;
};

struct NewBatch {
    int batch_no = 0;  ///< the PLC slot
    std::string mo_id;
    std::string bom;
    std::string finished_goods;
    Decimal quantity;
    std::vector<BatchLine> lines;
};

struct Batch {
    std::int64_t id = 0;  ///< never reused: identifies the batch in jobs and history
    int batch_no = 0;
    int line = 1;  ///< the production line (its PLC) the batch ran on: docs/LINES.md
    std::string mo_id;
    std::string bom;
    std::string finished_goods;
    Decimal quantity;
    Decimal weight_finished_good;
    bool status_manufacturing = false;
    bool status_operation = false;
    bool status_read_data = false;
    int failure_reads = 0;  ///< consecutive reads showing status_operation = 1 (confirm_reads)
    std::optional<TimePoint> last_read_from_plc;
    std::optional<TimePoint> last_change_from_plc;
    TimePoint created_at;
    TimePoint updated_at;
    std::vector<BatchLine> lines;
};

/// What one PLC read changed for one batch; unset members are unchanged. last_read_from_plc is
/// always set to `read_at` (a quiet batch is not a stuck one).
struct PlcUpdate {
    std::int64_t batch_id = 0;
    TimePoint read_at;
    std::optional<bool> status_manufacturing;
    std::optional<bool> status_read_data;
    /// Only for latching a failure without a cancel job (finished and failed in one read, or
    /// auto-cancel disabled); the auto-cancel edge goes through record_failure.
    std::optional<bool> status_operation;
    std::optional<Decimal> weight_finished_good;
    std::optional<int> failure_reads;
    std::vector<std::pair<std::string, Decimal>> actuals;  ///< equipment code -> actual consumption
    [[nodiscard]] bool changes_values() const noexcept {
        return status_manufacturing || status_read_data || status_operation || weight_finished_good || !actuals.empty();
    }
};

enum class ArchiveStatus { completed, cancelled };
[[nodiscard]] std::string_view archive_status_name(ArchiveStatus s) noexcept;

struct History {
    std::int64_t id = 0;
    std::int64_t batch_id = 0;
    int batch_no = 0;
    int line = 1;  ///< the production line (its PLC) the batch ran on: docs/LINES.md
    std::string mo_id;
    std::string bom;
    std::string finished_goods;
    Decimal quantity;
    Decimal weight_finished_good;
    std::string status;  ///< "completed" / "cancelled"
    std::string notes;
    bool status_manufacturing = false;
    bool status_operation = false;
    std::optional<TimePoint> last_read_from_plc;
    TimePoint batch_created_at;
    TimePoint created_at;  ///< archive time
    std::vector<BatchLine> lines;
};

struct HistoryFilter {
    std::optional<std::string> status;
    std::optional<std::string> mo_id;
    int limit = 50;
    int offset = 0;
    std::optional<std::string> product;  ///< part of finished_goods, any case
    std::optional<TimePoint> from;       ///< archived at or after
    std::optional<TimePoint> before;     ///< archived before
    bool all_lines = false;              ///< every line's history, not only the repository's line
};

enum class ArchiveResult {
    archived,          ///< this call moved the batch to mo_histories
    already_archived,  ///< an earlier call did: a no-op, not an error
};

enum class JobKind { cancel, consumption, mark_done, equipment_failure };
enum class JobState {
    pending,          ///< the Odoo call is due at next_attempt_at
    odoo_done,        ///< Odoo applied it; the local step (archive) is still due — never call Odoo again
    done,             ///< finished
    refused,          ///< Odoo said no for good (MO done, not found): visible to the operator
    needs_attention,  ///< Odoo answered with errors the operator must look at
};
[[nodiscard]] std::string_view job_kind_name(JobKind k) noexcept;
[[nodiscard]] std::string_view job_state_name(JobState s) noexcept;
[[nodiscard]] std::optional<JobKind> parse_job_kind(std::string_view text) noexcept;
[[nodiscard]] std::optional<JobState> parse_job_state(std::string_view text) noexcept;

struct Job {
    std::int64_t id = 0;
    JobKind kind = JobKind::cancel;
    std::optional<std::int64_t> batch_id;
    std::string mo_id;
    JobState state = JobState::pending;
    int attempts = 0;
    TimePoint next_attempt_at;
    std::optional<TimePoint> lease_until;
    std::string claimed_by;
    std::string last_error;
    std::string payload;
    TimePoint created_at;
    TimePoint updated_at;
};

/// What an attempt of a job ended in.
struct JobOutcome {
    JobState state = JobState::pending;
    std::string error;                         ///< empty on success
    std::optional<TimePoint> next_attempt_at;  ///< for pending / odoo_done: when to try again
};

struct FailureEdge {
    bool created = false;  ///< false: status_operation was already 1 (the job exists)
    std::int64_t job_id = 0;
};

struct EquipmentFailure {
    std::string equipment_code;
    std::string info;
    TimePoint occurred_at;
};

struct EventEntry {
    TimePoint at;
    std::string level;  ///< DEBUG, INFO, WARNING, ERROR
    std::string category;
    std::optional<int> batch_no;
    std::string mo_id;
    std::string message;
};

/// A console account (docs/CONSOLE.md "Accounts and roles"); the role is auth::Role's name.
struct OperatorAccount {
    std::int64_t id = 0;
    std::string username;
    std::string role;
    std::string password_hash;  ///< Argon2id, "$argon2id$..."
    bool disabled = false;
    TimePoint created_at;
    TimePoint updated_at;
};

/// What to change in an account; unset members stay.
struct OperatorChange {
    std::optional<std::string> role;
    std::optional<std::string> password_hash;
    std::optional<bool> disabled;
};

/// One row of the append-only audit trail: who did what to what, why, and how it ended.
struct AuditEntry {
    std::int64_t id = 0;
    TimePoint at;
    std::string actor;    ///< an account name, "api-token" or "cli"
    std::string action;   ///< "login", "manual_cancel", "scheduler_toggle", ...
    std::string target;   ///< "batch 3 (WH/MO/00123)", a task name, an account
    std::string reason;   ///< the operator's note
    std::string outcome;  ///< "ok" or what went wrong
};

struct AuditFilter {
    std::optional<std::string> actor;
    std::optional<std::string> action;
    int limit = 50;
    int offset = 0;
};

/// An equipment failure as stored, with when plcbridge saw it.
struct StoredEquipmentFailure {
    std::int64_t id = 0;
    EquipmentFailure failure;
    TimePoint detected_at;
};

/// How many batches are active and how many were archived, by outcome.
struct BatchTotals {
    std::int64_t active = 0;
    std::int64_t completed = 0;
    std::int64_t cancelled_auto = 0;
    std::int64_t cancelled_manual = 0;
};

}  // namespace plcbridge::store
