#pragma once
/// Task 3, finished batches -> Odoo -> mo_histories, through the durable job table (kind
/// `consumption`), so that no report is lost or repeated across crashes:
///   1. every finished batch without a report gets a job (one per batch: the store's constraint);
///      the job first asks Odoo where the MO stands: one already done (an attempt cut short after
///      Odoo answered) is archived without a second report, which Odoo would refuse;
///   2. the job sends the actual consumption of every equipment line and the finished weight
///      (`update-with-consumptions`: replace semantics, so a retry is safe), then marks the MO done
///      (`[odoo] mark_done`) and confirms Odoo really closed it;
///   3. then the batch is archived as `completed`, atomically; a failed archive is retried alone
///      (the job is `odoo_done`: Odoo is not called again).
/// Odoo refusing, answering per-item errors, or leaving the MO open, and a batch with no consumption
/// at all, end the job as `needs_attention` with the reason: the batch stays, the operator sees it.
/// Transport trouble is retried with capped backoff.

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

struct CompletionSettings {
    std::string worker = "plcbridge";
    std::chrono::milliseconds lease{120000};
    bool mark_done = true;
    batch::BackoffPolicy backoff;
    odoo::RetryPolicy odoo_retry;
};

class CompletionWorker {
  public:
    CompletionWorker(store::DbWorker& db, odoo::OdooClient& odoo, Logger& log, CompletionSettings settings)
        : db_(db), odoo_(odoo), log_(log), settings_(std::move(settings)), store_outage_(log) {}

    /// Creates the report job of every finished batch that has none; how many were created.
    boost::asio::awaitable<int> enqueue_finished(store::TimePoint now);
    /// Processes at most one due report job; 1 if it handled one, 0 if none was due.
    boost::asio::awaitable<int> run_once(store::TimePoint now);
    [[nodiscard]] const LinkStatus& odoo_link() const noexcept { return odoo_link_; }

  private:
    boost::asio::awaitable<void> report(store::Job job, store::Batch batch, store::TimePoint now);
    /// Odoo has everything: record it (never call Odoo again for this job), then archive.
    /// The MO's state in Odoo (mo-detail). Its own coroutine so that no Mo lives in report's frame:
    /// GCC 12 mis-laid report's frame around one (ASan: a vector freed twice).
    boost::asio::awaitable<Result<std::string>> mo_state(std::string mo_id);
    /// Odoo's refusal, or an error retried as often as the policy allows: the operator must look.
    [[nodiscard]] bool gives_up(const Error& e, int attempts_before) const;
    boost::asio::awaitable<void> odoo_finished(std::int64_t job_id, const store::Batch& batch, store::TimePoint now);
    boost::asio::awaitable<void> archive(std::int64_t job_id, const store::Batch& batch, store::TimePoint now);
    boost::asio::awaitable<void> record(std::int64_t job_id, store::JobOutcome outcome, store::TimePoint now);

    store::DbWorker& db_;
    odoo::OdooClient& odoo_;
    Logger& log_;
    CompletionSettings settings_;
    LinkStatus odoo_link_;
    EpisodeReporter store_outage_;  ///< the job table unreadable, said once per outage
};

}  // namespace plcbridge::tasks
