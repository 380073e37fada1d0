#pragma once
/// Repository on any SqlConnection. Every operation runs in one transaction; a busy database or a
/// lost connection is retried (reconnecting) a bounded number of times, then reported as
/// Errc::busy / Errc::unavailable — the caller keeps its data and tries again later. Every
/// operation is safe to repeat, which is what makes the retry after an unknown commit outcome safe.

#include <functional>
#include <memory>

#include "plcbridge/core/leadership.hpp"

#include "plcbridge/store/repository.hpp"
#include "plcbridge/store/sql_connection.hpp"

namespace plcbridge::store {

class SqlRepository final : public Repository {
  public:
    /// Opens the database, applies missing migrations, and returns the repository of `line`: the
    /// batches, history, jobs, equipment failures and events it reads and writes are that line's
    /// (docs/LINES.md); accounts and the audit trail are the deployment's.
    [[nodiscard]] static Result<std::unique_ptr<SqlRepository>> open(const DatabaseUrl& url, int line = 1);
    explicit SqlRepository(std::unique_ptr<SqlConnection> connection, int line = 1);

    [[nodiscard]] int line() const noexcept { return line_; }

    Result<std::int64_t> insert_batch(const NewBatch& batch, TimePoint now) override;
    Result<std::vector<std::int64_t>> insert_queue(std::span<const NewBatch> queue, TimePoint now) override;
    Result<std::vector<Batch>> active_batches() override;
    Result<std::optional<Batch>> find_batch(std::int64_t batch_id) override;
    Result<std::optional<Batch>> find_batch_by_slot(int batch_no) override;
    Result<std::vector<std::int64_t>> store_plc_updates(std::span<const PlcUpdate> updates) override;
    Result<FailureEdge> record_failure(std::int64_t batch_id, TimePoint now) override;
    Result<ArchiveResult> archive_batch(std::int64_t batch_id, ArchiveStatus status, const std::string& notes,
                                        TimePoint now) override;
    Result<std::vector<History>> histories(const HistoryFilter& filter) override;
    Result<bool> mo_in_history(const std::string& mo_id) override;
    Result<BatchTotals> batch_totals(std::string_view auto_cancel_note) override;
    Result<std::int64_t> create_job(JobKind kind, std::optional<std::int64_t> batch_id, const std::string& mo_id,
                                    const std::string& payload, TimePoint now) override;
    Result<std::vector<Job>> claim_due_jobs(const std::string& worker, TimePoint now, std::chrono::milliseconds lease,
                                            int limit, std::optional<JobKind> kind = std::nullopt) override;
    Result<std::optional<Job>> claim_job(std::int64_t job_id, const std::string& worker, TimePoint now,
                                         std::chrono::milliseconds lease) override;
    Result<void> record_attempt(std::int64_t job_id, const std::string& worker, const JobOutcome& outcome,
                                TimePoint now) override;
    Result<std::vector<Job>> jobs_for_batch(std::int64_t batch_id) override;
    Result<Job> retry_job(std::int64_t job_id, TimePoint now) override;
    Result<std::vector<Job>> jobs_in_state(JobState state) override;
    Result<std::optional<std::int64_t>> insert_equipment_failure(const EquipmentFailure& failure,
                                                                 TimePoint detected_at) override;
    Result<std::optional<std::int64_t>> record_equipment_failure(const EquipmentFailure& failure, TimePoint detected_at,
                                                                 const std::string& report_payload) override;
    Result<std::vector<StoredEquipmentFailure>> recent_equipment_failures(int limit) override;
    Result<void> log_event(const EventEntry& entry) override;
    Result<std::int64_t> prune_events(TimePoint before) override;
    Result<std::int64_t> add_operator(const OperatorAccount& account, TimePoint now) override;
    Result<void> change_operator(const std::string& username, const OperatorChange& change, TimePoint now) override;
    Result<std::optional<OperatorAccount>> find_operator(const std::string& username) override;
    Result<std::vector<OperatorAccount>> operators() override;
    Result<std::int64_t> append_audit(const AuditEntry& entry) override;
    Result<std::vector<AuditEntry>> audit_entries(const AuditFilter& filter) override;
    [[nodiscard]] StoreHealth health() const override { return health_; }

    [[nodiscard]] SqlConnection& connection() noexcept { return *connection_; }

    /// From now on every write about the line runs only while `leadership` leads and its epoch is
    /// still the line's (checked inside the transaction: store/line_lease `check_fence`). A
    /// PostgreSQL deployment always sets it (docs/FAILOVER.md); accounts and the audit trail belong
    /// to the deployment and are not fenced.
    void fence_writes(const Leadership& leadership) noexcept { fence_ = &leadership; }

  private:
    /// Whether an operation changes the database: health keeps writes apart from reads, because a
    /// read-only or full disk still answers reads.
    /// `shared_write` changes what belongs to the whole deployment (accounts, audit), which any
    /// instance may write; `write` changes the line's data, which only its leader may.
    enum class Access { read, write, shared_write };

    /// Runs `body` in one transaction with the retry policy above.
    template <class T>
    Result<T> transaction(const std::function<Result<T>(SqlConnection&)>& body, Access access = Access::write);
    /// Records an operation's outcome in health_ (`failure` null when it succeeded).
    void note_answer(Access access, const Error* failure);

    Result<std::vector<Batch>> load_batches(std::string_view where, std::span<const SqlValue> params);
    Result<std::vector<Job>> load_jobs(std::string_view where, std::span<const SqlValue> params);

    /// Errc::fenced unless this instance leads the line with the epoch the database holds.
    Result<void> check_leadership();

    std::unique_ptr<SqlConnection> connection_;
    StoreHealth health_;
    const Leadership* fence_ = nullptr;
    int line_;
};

}  // namespace plcbridge::store
