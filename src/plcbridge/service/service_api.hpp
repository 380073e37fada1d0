#pragma once
/// What the HTTP API asks of the running service: the router depends on this, not on the whole
/// Service, so it can be driven by a stand-in (the HTTP fuzz target's) as well as the real one.

#include <chrono>
#include <cstdint>
#include <optional>
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
};

}  // namespace plcbridge::service
