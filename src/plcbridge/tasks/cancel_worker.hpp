#pragma once
/// The cancel worker: takes due cancel jobs from the job table (leased, so two workers never share
/// one), calls Odoo, archives, and stores each step's outcome — the durable auto-cancel of
/// docs/DESIGN.md "Batch domain and the auto-cancel". It runs in its own task, never inside the PLC read cycle. A crash
/// at any point resumes from the table: a pending job calls Odoo again (cancel is idempotent), an odoo_done job only
/// archives again (Odoo is never called twice for it).

#include <chrono>
#include <string>

#include <boost/asio/awaitable.hpp>

#include "plcbridge/batch/backoff.hpp"
#include "plcbridge/core/episode_reporter.hpp"
#include "plcbridge/core/logger.hpp"
#include "plcbridge/odoo/odoo_client.hpp"
#include "plcbridge/odoo/outcome.hpp"
#include "plcbridge/store/db_worker.hpp"
#include "plcbridge/tasks/link_status.hpp"

namespace plcbridge::tasks {

struct CancelWorkerSettings {
    std::string worker = "plcbridge";         ///< lease owner name
    std::chrono::milliseconds lease{120000};  ///< longer than an Odoo call can take
    int jobs_per_run = 20;
    batch::BackoffPolicy backoff;
    odoo::RetryPolicy odoo_retry;  ///< how often an error Odoo does not know as final is retried
};

class CancelWorker {
  public:
    CancelWorker(store::DbWorker& db, odoo::OdooClient& odoo, Logger& log, CancelWorkerSettings settings)
        : db_(db), odoo_(odoo), log_(log), settings_(std::move(settings)), store_outage_(log) {}

    /// Processes the cancel jobs due at `now`; returns how many it handled.
    boost::asio::awaitable<int> run_once(store::TimePoint now);
    /// Odoo as the last cancel call saw it (health); a refusal counts as an answer.
    [[nodiscard]] const LinkStatus& odoo_link() const noexcept { return odoo_link_; }

  private:
    boost::asio::awaitable<void> process(store::Job job, store::TimePoint now);
    /// Archives the batch of a job Odoo has cancelled and records the outcome.
    boost::asio::awaitable<void> archive(const store::Job& job, int batch_no, store::TimePoint now);

    store::DbWorker& db_;
    odoo::OdooClient& odoo_;
    Logger& log_;
    CancelWorkerSettings settings_;
    LinkStatus odoo_link_;
    EpisodeReporter store_outage_;  ///< the job table unreadable, said once per outage
};

}  // namespace plcbridge::tasks
