#pragma once
/// Everything the tasks store, each operation one transaction. One interface; SqlRepository
/// implements it on SQLite and PostgreSQL. Blocking: call it from the database thread (DbWorker).

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "plcbridge/core/result.hpp"
#include "plcbridge/store/records.hpp"

namespace plcbridge::store {

/// What health reports about the database.
struct StoreHealth {
    bool connected = true;  ///< the last operation reached the database
    std::uint64_t reconnects = 0;
    std::string last_error;  ///< of the last operation that failed, cleared by one that succeeds
    /// From the first write that failed for want of the database (unreachable, read-only, full,
    /// busy past the retries) until the next write that succeeds.
    bool writes_failing = false;
    std::string last_write_error;
    std::uint64_t write_outages = 0;  ///< episodes so far, so that a sampler can say each one once
};

class Repository {
  public:
    virtual ~Repository() = default;

    // --- active batches ---
    /// Queues a batch (Task 1). Refused by constraint when the slot or the MO is already active.
    virtual Result<std::int64_t> insert_batch(const NewBatch& batch, TimePoint now) = 0;
    /// Task 1's queue, all or nothing: every batch is stored, or none is (a constraint on one refuses all).
    virtual Result<std::vector<std::int64_t>> insert_queue(std::span<const NewBatch> queue, TimePoint now) = 0;
    virtual Result<std::vector<Batch>> active_batches() = 0;
    virtual Result<std::optional<Batch>> find_batch(std::int64_t batch_id) = 0;
    virtual Result<std::optional<Batch>> find_batch_by_slot(int batch_no) = 0;
    /// One PLC read's changes for any number of batches, in one transaction.
    /// The ids of batches archived meanwhile (between the read and this store): skipped, an expected
    /// race with the cancel worker and Task 3; every other update is stored.
    virtual Result<std::vector<std::int64_t>> store_plc_updates(std::span<const PlcUpdate> updates) = 0;
    /// The failure edge: stores status_operation = 1 and creates the cancel job, atomically.
    /// Idempotent: a batch already at 1 gets no second job.
    virtual Result<FailureEdge> record_failure(std::int64_t batch_id, TimePoint now) = 0;
    /// Moves the batch, its lines and everything it held to mo_histories with `status` and `notes`,
    /// deletes it from mo_batch and closes its open jobs — all or nothing. Archiving an archived
    /// batch again is `already_archived`; an unknown batch id is Errc::not_found.
    virtual Result<ArchiveResult> archive_batch(std::int64_t batch_id, ArchiveStatus status, const std::string& notes,
                                                TimePoint now) = 0;

    // --- history ---
    virtual Result<std::vector<History>> histories(const HistoryFilter& filter) = 0;
    virtual Result<bool> mo_in_history(const std::string& mo_id) = 0;
    /// Batches active now and archived so far by outcome; a cancel whose note is
    /// `auto_cancel_note` counts as automatic (for /metrics).
    virtual Result<BatchTotals> batch_totals(std::string_view auto_cancel_note) = 0;

    // --- durable Odoo jobs ---
    virtual Result<std::int64_t> create_job(JobKind kind, std::optional<std::int64_t> batch_id,
                                            const std::string& mo_id, const std::string& payload, TimePoint now) = 0;
    /// Due jobs (pending or odoo_done, next_attempt_at <= now, no live lease) leased to `worker`
    /// until now + lease. Two workers never get the same job. A name is one worker: jobs still
    /// leased to `worker` are its own, left by a previous process that died, and are taken again at
    /// once instead of after the lease (a restarted service resumes its cancels immediately).
    virtual Result<std::vector<Job>> claim_due_jobs(const std::string& worker, TimePoint now,
                                                    std::chrono::milliseconds lease, int limit,
                                                    std::optional<JobKind> kind = std::nullopt) = 0;
    /// Leases one open job (pending or odoo_done) to `worker` when nobody else holds it: the next
    /// step of a job the worker just advanced. nullopt when it is closed or leased to another.
    virtual Result<std::optional<Job>> claim_job(std::int64_t job_id, const std::string& worker, TimePoint now,
                                                 std::chrono::milliseconds lease) = 0;
    /// Records an attempt's outcome and releases the lease. Errc::conflict when the job is no longer
    /// leased to `worker` (the lease expired and someone else took it).
    virtual Result<void> record_attempt(std::int64_t job_id, const std::string& worker, const JobOutcome& outcome,
                                        TimePoint now) = 0;
    virtual Result<std::vector<Job>> jobs_for_batch(std::int64_t batch_id) = 0;
    /// An operator's retry: a refused or needs-attention job back to pending, due at `now`, its
    /// attempts counted on. Errc::not_found (no such job), Errc::conflict (it is not stuck).
    virtual Result<Job> retry_job(std::int64_t job_id, TimePoint now) = 0;
    virtual Result<std::vector<Job>> jobs_in_state(JobState state) = 0;

    // --- equipment failures and the event log ---
    /// nullopt when the same event (code, info, time) is already stored.
    virtual Result<std::optional<std::int64_t>> insert_equipment_failure(const EquipmentFailure& failure,
                                                                         TimePoint detected_at) = 0;
    /// Stores the event and the job that reports it to Odoo (payload: the job's request), atomically;
    /// nullopt (and no job) when the same event is already stored.
    virtual Result<std::optional<std::int64_t>> record_equipment_failure(const EquipmentFailure& failure,
                                                                         TimePoint detected_at,
                                                                         const std::string& report_payload) = 0;
    /// The newest first, at most `limit`.
    virtual Result<std::vector<StoredEquipmentFailure>> recent_equipment_failures(int limit) = 0;
    virtual Result<void> log_event(const EventEntry& entry) = 0;
    /// Deletes events older than `before`; returns how many.
    virtual Result<std::int64_t> prune_events(TimePoint before) = 0;

    // --- console accounts and the audit trail ---
    /// Errc::constraint when the name is taken.
    virtual Result<std::int64_t> add_operator(const OperatorAccount& account, TimePoint now) = 0;
    /// Errc::not_found for an unknown name.
    virtual Result<void> change_operator(const std::string& username, const OperatorChange& change, TimePoint now) = 0;
    virtual Result<std::optional<OperatorAccount>> find_operator(const std::string& username) = 0;
    virtual Result<std::vector<OperatorAccount>> operators() = 0;
    /// Appends; the table refuses UPDATE and DELETE.
    virtual Result<std::int64_t> append_audit(const AuditEntry& entry) = 0;
    /// The newest first.
    virtual Result<std::vector<AuditEntry>> audit_entries(const AuditFilter& filter) = 0;

    [[nodiscard]] virtual StoreHealth health() const = 0;
};

}  // namespace plcbridge::store
