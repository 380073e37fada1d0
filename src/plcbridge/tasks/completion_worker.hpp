#pragma once
/// Task 3, finished batches -> Odoo -> mo_histories, through the durable job table (kind
/// `consumption`), so that no report is lost or repeated across crashes. enqueue_finished gives
/// every finished batch without a report its job (one per batch: the store's constraint); the job
/// runner then runs the report's steps (batch/completion_report: ask Odoo where the MO stands, send
/// the consumption, mark done, archive as `completed`), each decided there and performed here.
/// Odoo refusing, answering per-item errors, or leaving the MO open, and a batch with no consumption
/// at all, end the job as `needs_attention` with the reason: the batch stays, the operator sees it.
/// Transport trouble is retried with capped backoff.

#include <boost/asio/awaitable.hpp>

#include "plcbridge/batch/completion_report.hpp"
#include "plcbridge/core/episode_reporter.hpp"
#include "plcbridge/core/link_status.hpp"
#include "plcbridge/core/logger.hpp"
#include "plcbridge/odoo/odoo_client.hpp"
#include "plcbridge/store/db_worker.hpp"
#include "plcbridge/tasks/job_runner.hpp"

namespace plcbridge::tasks {

struct CompletionSettings {
    JobSettings jobs;
    bool mark_done = true;  ///< [odoo] mark_done
};

class CompletionWorker final : private JobKindSteps {
  public:
    CompletionWorker(store::DbWorker& db, odoo::OdooClient& odoo, Logger& log, CompletionSettings settings)
        : db_(db),
          odoo_(odoo),
          log_(log),
          mark_done_(settings.mark_done),
          store_outage_(log),
          runner_(db, log, std::move(settings.jobs), *this, store_outage_) {}
    // The runner holds a reference to this object's steps: it stays where it was built.
    CompletionWorker(const CompletionWorker&) = delete;
    CompletionWorker& operator=(const CompletionWorker&) = delete;

    /// Creates the report job of every finished batch that has none; how many were created.
    boost::asio::awaitable<int> enqueue_finished(store::TimePoint now);
    /// Processes the report jobs due, each at a fresh clock(); how many it handled.
    boost::asio::awaitable<int> run_due(JobRunner::Clock clock) { return runner_.run(std::move(clock)); }
    /// The same, all at `now` (tests drive time by hand).
    boost::asio::awaitable<int> run_once(store::TimePoint now) {
        return runner_.run([now] { return now; });
    }
    [[nodiscard]] const LinkStatus& odoo_link() const noexcept { return odoo_.link(); }

  private:
    [[nodiscard]] store::JobKind kind() const noexcept override { return store::JobKind::consumption; }
    [[nodiscard]] std::string_view label() const noexcept override { return "Task 3"; }
    [[nodiscard]] bool about_a_batch() const noexcept override { return true; }
    boost::asio::awaitable<batch::JobStep> call_odoo(store::Job job, std::optional<store::Batch> batch,
                                                     store::TimePoint now) override;
    boost::asio::awaitable<batch::JobStep> archive(store::Job job, store::Batch batch, store::TimePoint now) override;

    /// The MO's state in Odoo (mo-detail). Its own coroutine so that no Mo lives in the caller's
    /// frame: GCC 12 mis-laid a frame around one (ASan: a vector freed twice).
    boost::asio::awaitable<Result<std::string>> mo_state(std::string mo_id);
    /// Step 3: the consumption of every equipment line and the finished weight.
    boost::asio::awaitable<batch::JobStep> send_consumption(const batch::CompletionContext& context,
                                                            const store::Batch& batch, int attempts);
    /// Step 4: mark done and read the state back.
    boost::asio::awaitable<batch::JobStep> mark_done(const batch::CompletionContext& context, const store::Batch& batch,
                                                     int attempts);

    store::DbWorker& db_;
    odoo::OdooClient& odoo_;
    Logger& log_;
    bool mark_done_;
    EpisodeReporter store_outage_;  ///< the database unavailable to Task 3, said once per outage
    JobRunner runner_;
};

}  // namespace plcbridge::tasks
