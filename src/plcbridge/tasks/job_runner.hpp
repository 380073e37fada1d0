#pragma once
/// The one lifecycle of every durable Odoo job (cancel, completion report, equipment-failure
/// report), so that each kind is only its steps:
///   claim one due job with a lease (a restarted service takes its own leased jobs back at once)
///   -> load its batch; a job whose batch is gone is finished
///   -> a pending job: the kind's Odoo step; an odoo_done job: the kind's archive step
///   -> log the step's lines and record the outcome (every attempt; a failed record is logged and
///      the lease expires, so the job is taken again)
///   -> when Odoo has it, take the job back and archive at once.
/// One job at a time, a fresh time per job, at most jobs_per_run jobs per run. The kinds' decisions
/// are pure (batch/cancel_saga, batch/completion_report, batch/failure_report); their adapters
/// (cancel_worker, completion_worker, equipment_failure_monitor) perform the steps.

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include <boost/asio/awaitable.hpp>

#include "plcbridge/batch/backoff.hpp"
#include "plcbridge/batch/job_step.hpp"
#include "plcbridge/core/episode_reporter.hpp"
#include "plcbridge/core/logger.hpp"
#include "plcbridge/odoo/outcome.hpp"
#include "plcbridge/store/db_worker.hpp"

namespace plcbridge::tasks {

/// What every job kind is configured with.
struct JobSettings {
    std::string worker = "plcbridge";         ///< lease owner name
    std::chrono::milliseconds lease{120000};  ///< longer than an Odoo call can take
    int jobs_per_run = 50;                    ///< then the run gives the event loop back to the schedule
    batch::BackoffPolicy backoff;
    odoo::RetryPolicy odoo_retry;  ///< how often an error Odoo does not know as final is retried
};

/// The steps of one job kind: what the runner cannot know.
class JobKindSteps {
  public:
    virtual ~JobKindSteps() = default;
    [[nodiscard]] virtual store::JobKind kind() const noexcept = 0;
    /// Starts the runner's own log lines ("cancel worker", "Task 3").
    [[nodiscard]] virtual std::string_view label() const noexcept = 0;
    /// The job is about a batch in mo_batch: the runner loads it, and a job whose batch is gone is done.
    [[nodiscard]] virtual bool about_a_batch() const noexcept = 0;
    /// A pending job's attempt at Odoo; `batch` is set when about_a_batch(). Never ends on go_on.
    virtual boost::asio::awaitable<batch::JobStep> call_odoo(store::Job job, std::optional<store::Batch> batch,
                                                             store::TimePoint now) = 0;
    /// The last step of a job Odoo has (odoo_done): archive. `done` means the archive closed the job
    /// in its own transaction. Kinds without an archive never reach odoo_done.
    virtual boost::asio::awaitable<batch::JobStep> archive(store::Job job, store::Batch batch, store::TimePoint now);
};

/// Logs a step's lines, in order.
void say(Logger& log, const batch::JobStep& step);

class JobRunner {
  public:
    using Clock = std::function<store::TimePoint()>;

    /// `store_outage` is the worker's: one outage of its database is said once, whichever of its
    /// steps met it first.
    JobRunner(store::DbWorker& db, Logger& log, JobSettings settings, JobKindSteps& steps,
              EpisodeReporter& store_outage)
        : db_(db), log_(log), settings_(std::move(settings)), steps_(steps), store_outage_(store_outage) {}

    /// Runs due jobs one at a time, each at a fresh clock(), at most jobs_per_run; how many it handled.
    boost::asio::awaitable<int> run(Clock clock);
    [[nodiscard]] const JobSettings& settings() const noexcept { return settings_; }

  private:
    /// The next due job of this kind; nullopt when none is due or the table cannot be read.
    boost::asio::awaitable<std::optional<store::Job>> claim(store::TimePoint now);
    /// One job; false when the database failed and the run should stop.
    boost::asio::awaitable<bool> process(store::Job job, store::TimePoint now);
    boost::asio::awaitable<void> archive(store::Job job, store::Batch batch, store::TimePoint now);
    /// Logs the step and stores it as the job's outcome; false when it could not be stored.
    boost::asio::awaitable<bool> record(const store::Job& job, const batch::JobStep& step, store::TimePoint now);

    store::DbWorker& db_;
    Logger& log_;
    JobSettings settings_;
    JobKindSteps& steps_;
    EpisodeReporter& store_outage_;
};

}  // namespace plcbridge::tasks
