#pragma once
/// The cancel jobs (docs/DESIGN.md "Batch domain and the auto-cancel"): the job runner's lifecycle
/// with the cancel's two steps, POST /api/scada/mo/cancel and the archive as `cancelled`. It runs
/// in its own task, never inside the PLC read cycle. A crash at any point resumes from the table: a
/// pending job calls Odoo again (cancel is idempotent), an odoo_done job only archives again (Odoo
/// is never called twice for it). What follows each step is batch/cancel_saga's decision.

#include <boost/asio/awaitable.hpp>

#include "plcbridge/core/episode_reporter.hpp"
#include "plcbridge/core/link_status.hpp"
#include "plcbridge/core/logger.hpp"
#include "plcbridge/odoo/odoo_client.hpp"
#include "plcbridge/store/db_worker.hpp"
#include "plcbridge/tasks/job_runner.hpp"

namespace plcbridge::tasks {

using CancelWorkerSettings = JobSettings;

class CancelWorker final : private JobKindSteps {
  public:
    CancelWorker(store::DbWorker& db, odoo::OdooClient& odoo, Logger& log, CancelWorkerSettings settings)
        : db_(db),
          odoo_(odoo),
          log_(log),
          store_outage_(log),
          runner_(db, log, std::move(settings), *this, store_outage_) {}
    // The runner holds a reference to this object's steps: it stays where it was built.
    CancelWorker(const CancelWorker&) = delete;
    CancelWorker& operator=(const CancelWorker&) = delete;

    /// Processes the cancel jobs due, each at a fresh clock(); how many it handled.
    boost::asio::awaitable<int> run_due(JobRunner::Clock clock) { return runner_.run(std::move(clock)); }
    /// The same, all at `now` (tests drive time by hand).
    boost::asio::awaitable<int> run_once(store::TimePoint now) {
        return runner_.run([now] { return now; });
    }
    /// Odoo as the cancel client last saw it (health); a refusal counts as an answer.
    [[nodiscard]] const LinkStatus& odoo_link() const noexcept { return odoo_.link(); }

  private:
    [[nodiscard]] store::JobKind kind() const noexcept override { return store::JobKind::cancel; }
    [[nodiscard]] std::string_view label() const noexcept override { return "cancel worker"; }
    [[nodiscard]] bool about_a_batch() const noexcept override { return true; }
    boost::asio::awaitable<batch::JobStep> call_odoo(store::Job job, std::optional<store::Batch> batch,
                                                     store::TimePoint now) override;
    boost::asio::awaitable<batch::JobStep> archive(store::Job job, store::Batch batch, store::TimePoint now) override;

    store::DbWorker& db_;
    odoo::OdooClient& odoo_;
    Logger& log_;
    EpisodeReporter store_outage_;  ///< the job table unreadable, said once per outage
    JobRunner runner_;
};

}  // namespace plcbridge::tasks
