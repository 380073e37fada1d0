#pragma once
/// Task 2, the PLC read cycle: one FINS read of the whole READ area, decode, plan (plc_sync_plan),
/// store the changes in one transaction, record each failure edge with its cancel job. A PLC that
/// does not answer touches nothing and triggers nothing: one ERROR when the outage starts, one INFO
/// when it ends. A slot that does not decode cleanly is reported once per episode, not every cycle.

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "plcbridge/batch/failure_rule.hpp"
#include "plcbridge/core/episode_reporter.hpp"
#include "plcbridge/core/link_status.hpp"
#include "plcbridge/core/logger.hpp"
#include "plcbridge/memory_map/read_planner.hpp"
#include "plcbridge/memory_map/slot_area.hpp"
#include "plcbridge/plc/plc_client.hpp"
#include "plcbridge/store/db_worker.hpp"
#include "plcbridge/tasks/plc_sync_plan.hpp"

namespace plcbridge::tasks {

struct SyncOutcome {
    bool plc_ok = false;
    int fins_reads = 0;
    int fins_writes = 0;            ///< acknowledgements of finished batches
    int finished_acknowledged = 0;  ///< finished batches stored and acknowledged to the PLC this cycle
    int matched = 0;
    int failures_recorded = 0;
    int problems = 0;            ///< slots under active batches that could not be used this cycle
    std::optional<Error> error;  ///< why the cycle stopped early (PLC or database)
};

class PlcSync {
  public:
    PlcSync(plc::PlcClient& plc, store::DbWorker& db, const memory_map::SlotArea& read_area, Logger& log,
            batch::AutoCancelSettings settings);

    boost::asio::awaitable<SyncOutcome> run_once(store::TimePoint now);
    /// The outcome of the last cycle (a manual read returns it); nullopt before the first.
    [[nodiscard]] const std::optional<SyncOutcome>& last_outcome() const noexcept { return last_outcome_; }

    [[nodiscard]] bool plc_down() const noexcept { return plc_down_; }
    /// The PLC as the read cycle last saw it (health).
    [[nodiscard]] const LinkStatus& plc_link() const noexcept { return link_; }
    /// Slots under active batches that could not be used in the last cycle, and how many problem
    /// episodes were reported since the start (each is logged once).
    [[nodiscard]] int slots_with_problems() const noexcept { return static_cast<int>(reported_.size()); }
    [[nodiscard]] std::uint64_t problems_reported() const noexcept { return problems_reported_; }
    /// Slots holding an MO that is neither an active batch nor archived, one sentence each (health).
    [[nodiscard]] const std::vector<std::string>& foreign_slots() const noexcept { return foreign_texts_; }

  private:
    boost::asio::awaitable<SyncOutcome> cycle(store::TimePoint now);
    /// Step 1: the whole READ area, or nullopt when the PLC did not answer (said once per outage).
    boost::asio::awaitable<std::optional<std::vector<std::uint16_t>>> read_area(store::TimePoint now,
                                                                                SyncOutcome& outcome);
    /// Step 3: the read's changes in one transaction; drops from `plan` the batches archived meanwhile.
    boost::asio::awaitable<bool> store_changes(const std::vector<store::Batch>& active, SyncPlan& plan,
                                               SyncOutcome& outcome);
    /// Finished batches are stored: status_read_data = 1 tells the PLC.
    boost::asio::awaitable<void> acknowledge_finished(std::vector<int> slots, SyncOutcome& outcome);
    /// Each failure edge with its cancel job, atomically (the auto-cancel's start).
    boost::asio::awaitable<void> record_failure_edges(std::vector<FailureEdgeToRecord> failures, store::TimePoint now,
                                                      SyncOutcome& outcome);
    /// Slot problems, one WARNING per episode.
    void report_problems(const std::vector<SlotProblem>& problems);
    /// Slots whose MO is not an active batch: a finished one that was archived meanwhile (a manual
    /// cancel while the PLC ran it) is acknowledged so the PLC does not wait on us forever; one
    /// that is neither active nor archived is a concern for the operator.
    boost::asio::awaitable<void> settle_unclaimed(std::vector<UnclaimedSlot> unclaimed, SyncOutcome& outcome);

    plc::PlcClient& plc_;
    store::DbWorker& db_;
    const memory_map::SlotArea& area_;
    Logger& log_;
    batch::AutoCancelSettings settings_;
    std::vector<memory_map::WordRange> reads_;  ///< the FINS reads covering the area, planned once
    LinkStatus link_;
    bool plc_down_ = false;
    int failed_cycles_ = 0;
    std::set<std::string> reported_;  ///< problems already reported in the current episode
    std::uint64_t problems_reported_ = 0;
    std::set<std::string> unclaimed_seen_;  ///< "slot|MO" already logged in the current episode
    std::vector<std::string> foreign_texts_;
    EpisodeReporter store_outage_;
    std::optional<SyncOutcome> last_outcome_;  ///< the database refusing the cycle's reads or writes, said once
};

}  // namespace plcbridge::tasks
