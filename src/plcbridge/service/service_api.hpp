#pragma once
/// What the HTTP API asks of the running service: the router depends on this, not on the whole
/// Service, so it can be driven by a stand-in (the HTTP fuzz target's) as well as the real one.

#include <chrono>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "plcbridge/core/result.hpp"
#include "plcbridge/service/health.hpp"
#include "plcbridge/service/scheduler.hpp"
#include "plcbridge/store/records.hpp"
#include "plcbridge/tasks/plc_sync.hpp"

namespace plcbridge::service {

/// An active batch with its Odoo jobs (the operator sees a refused cancel here).
struct BatchView {
    store::Batch batch;
    std::vector<store::Job> jobs;
    std::vector<std::string> concerns;  ///< Task 4's sentences: what the operator must look at
};

struct ManualCancelResult {
    int batch_no = 0;
    std::string mo_id;
    std::string notes;
    std::optional<std::int64_t> job_id;  ///< set when the cancel goes through Odoo first (queued)
};

/// What the operator console's live view is made of (api/console_view), read in one go.
struct ConsoleInputs {
    std::vector<BatchView> batches;
    std::vector<store::History> recent_histories;  ///< newest first
    std::vector<store::StoredEquipmentFailure> equipment_failures;
    std::set<std::string> acknowledged;  ///< audit targets of "acknowledge" entries
};

class ServiceApi {
  public:
    virtual ~ServiceApi() = default;
    [[nodiscard]] virtual HealthReport health() const = 0;
    /// The database counts as down when the store check has not answered for this long.
    [[nodiscard]] virtual std::chrono::milliseconds stale_after() const noexcept = 0;
    virtual boost::asio::awaitable<Result<std::vector<BatchView>>> batches() = 0;
    virtual boost::asio::awaitable<Result<std::vector<store::History>>> histories(store::HistoryFilter filter) = 0;
    /// store::Errc::not_found (empty slot), store::Errc::conflict (already being archived/cancelled).
    virtual boost::asio::awaitable<Result<ManualCancelResult>> manual_cancel(int batch_no, std::string notes,
                                                                             bool cancel_in_odoo) = 0;
    /// Task 2 once now (waits for a run in progress); nullopt while stopping.
    virtual boost::asio::awaitable<std::optional<tasks::SyncOutcome>> trigger_plc_sync() = 0;
    [[nodiscard]] virtual Scheduler& scheduler() noexcept = 0;
    /// GET /metrics: Prometheus's text format (service/metrics_text).
    [[nodiscard]] virtual std::string metrics() const = 0;
    [[nodiscard]] virtual int slots() const noexcept = 0;

    // --- the operator console (docs/CONSOLE.md) ---
    virtual boost::asio::awaitable<Result<ConsoleInputs>> console_inputs() = 0;
    /// The account when the name exists, is enabled and the password matches (the Argon2id check
    /// runs on the database thread, not on the event loop); nullopt otherwise.
    virtual boost::asio::awaitable<Result<std::optional<store::OperatorAccount>>> sign_in(std::string username,
                                                                                          std::string password) = 0;
    /// The account as stored now (a session's actions re-check that it is still enabled).
    virtual boost::asio::awaitable<Result<std::optional<store::OperatorAccount>>> find_operator(
        std::string username) = 0;
    virtual boost::asio::awaitable<Result<void>> audit(store::AuditEntry entry) = 0;
    virtual boost::asio::awaitable<Result<std::vector<store::AuditEntry>>> audit_entries(store::AuditFilter filter) = 0;
    virtual boost::asio::awaitable<Result<std::vector<store::StoredEquipmentFailure>>> equipment_failures(
        int limit) = 0;
    /// A refused or needs-attention job back to pending, due now (its worker is poked).
    /// store::Errc::not_found (no such job), store::Errc::conflict (the job is not stuck).
    virtual boost::asio::awaitable<Result<store::Job>> retry_job(std::int64_t job_id) = 0;
};

}  // namespace plcbridge::service
