// The database as the service watches it: its thread answering, reconnects, the jobs by state;
// failing writes said once per episode. Health takes the write outcome of the last database call,
// not of the last check.
#include <fmt/format.h>

#include <algorithm>

#include "plcbridge/batch/log_messages.hpp"
#include "plcbridge/core/episode_reporter.hpp"
#include "plcbridge/service/task_names.hpp"
#include "plcbridge/service/task_registry.hpp"
#include "plcbridge/store/db_worker.hpp"

namespace plcbridge::service {
namespace {

using namespace std::chrono_literals;

// A standby checks the store too: its API answers from it.
constexpr TaskDeclaration kDeclaration{kStoreCheckTask, 5000ms, std::nullopt, false};

struct StoreCheck {
    store::StoreHealth health;
    JobCounts jobs;
    std::vector<JobTally> tallies;
    store::BatchTotals totals;
};

constexpr store::JobKind kKinds[] = {store::JobKind::cancel, store::JobKind::consumption, store::JobKind::mark_done,
                                     store::JobKind::equipment_failure};

Result<StoreCheck> check_on_db_thread(store::Repository& r) {
    StoreCheck out{r.health(), {}, {}, {}};
    const std::pair<store::JobState, int JobCounts::*> counted[] = {
        {store::JobState::pending, &JobCounts::pending},
        {store::JobState::odoo_done, &JobCounts::archiving},
        {store::JobState::refused, &JobCounts::refused},
        {store::JobState::needs_attention, &JobCounts::needs_attention},
    };
    for (const auto& [state, member] : counted) {
        auto jobs = r.jobs_in_state(state);
        if (!jobs) return std::move(jobs).error();
        out.jobs.*member = static_cast<int>(jobs->size());
        for (const store::JobKind kind : kKinds) {
            const auto n =
                std::count_if(jobs->begin(), jobs->end(), [&](const store::Job& j) { return j.kind == kind; });
            out.tallies.push_back({std::string(store::job_kind_name(kind)), std::string(store::job_state_name(state)),
                                   static_cast<int>(n)});
        }
    }
    auto totals = r.batch_totals(batch::kAutoCancelNote);
    if (!totals) return std::move(totals).error();
    out.totals = *totals;
    out.health = r.health();
    return out;
}

class StoreCheckTask final : public DeclaredTask {
  public:
    explicit StoreCheckTask(TaskContext& parts) : DeclaredTask(parts, kDeclaration), check_outage_(parts.log) {}

    boost::asio::awaitable<Result<void>> run() override {
        auto op = &check_on_db_thread;
        auto check = co_await parts_.db.run(op);
        say_write_outages(parts_.db.health());
        if (!check) {
            database_.connected = false;
            database_.last_error = check.error().message();
            check_outage_.failing("database check failed: " + database_.last_error);
            co_return std::move(check).error();
        }
        check_outage_.recovered("database answers again");
        database_.connected = check->health.connected;
        database_.reconnects = check->health.reconnects;
        database_.last_error = check->health.last_error;
        database_.checked_at = wall_now();
        jobs_ = check->jobs;
        tallies_ = check->tallies;
        totals_ = check->totals;
        co_return Result<void>{};
    }

    void report(HealthReport& health) const override {
        health.database = database_;
        const store::StoreHealth store_now = parts_.db.health();
        health.database.writes_failing = store_now.writes_failing;
        health.database.last_write_error = store_now.last_write_error;
        if (!store_now.connected) {
            health.database.connected = false;
            health.database.last_error = store_now.last_error;
        }
        health.jobs = jobs_;
        health.job_tallies = tallies_;
        health.batch_totals = totals_;
    }

  private:
    /// One WARNING per episode of failing writes, one INFO when writes succeed again. Counted by the
    /// store, so an episode that began and ended between two checks is said too.
    void say_write_outages(const store::StoreHealth& now) {
        if (now.write_outages > write_outages_said_) {
            parts_.log.log(LogLevel::warning,
                           fmt::format("database writes fail: {}; nothing is stored or archived until a write "
                                       "succeeds (health says degraded meanwhile)",
                                       now.last_write_error));
            write_outages_said_ = now.write_outages;
            write_outage_open_ = true;
        }
        if (write_outage_open_ && !now.writes_failing) {
            parts_.log.log(LogLevel::info, "database writes succeed again");
            write_outage_open_ = false;
        }
    }

    DatabaseHealth database_;
    JobCounts jobs_;
    std::vector<JobTally> tallies_;
    std::optional<store::BatchTotals> totals_;
    EpisodeReporter check_outage_;  ///< the periodic check failing, said once per outage
    std::uint64_t write_outages_said_ = 0;
    bool write_outage_open_ = false;
};

}  // namespace

TaskEntry store_check_task() {
    return entry_of<StoreCheckTask>(kDeclaration);
}

}  // namespace plcbridge::service
