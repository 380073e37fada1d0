// Task 2's read cycle against the PLC simulator (FINS over UDP on loopback) and a SQLite store on its
// database thread: the feature's trigger, garbled reads, and a PLC that stops answering.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "plcbridge/memory_map/batch_slot.hpp"
#include "plcbridge/memory_map/default_maps.hpp"
#include "plcbridge/tasks/plc_sync.hpp"
#include "support/memory_logger.hpp"
#include "support/sim_fixture.hpp"
#include "support/store_fixture.hpp"
#include "support/test_clients.hpp"

namespace plcbridge::tasks {
namespace {

using namespace std::chrono_literals;
using testing::run_on;

const store::TimePoint kT0 = store::TimePoint(std::chrono::seconds(1'795'000'000));

class PlcSyncTest : public ::testing::Test {
  protected:
    PlcSyncTest()
        : read_area(memory_map::load_area(memory_map::AreaKind::read, "", 10, 100).value()),
          write_area(memory_map::load_area(memory_map::AreaKind::write, "", 10, 100).value()) {
        db = std::make_unique<store::DbWorker>(
            testing::open_repository(testing::fresh_database(testing::StoreBackend::sqlite)));
        client = testing::loopback_plc_client(io, sim.port, 1);
        sync = std::make_unique<PlcSync>(*client, *db, read_area, log, batch::AutoCancelSettings{});
    }

    /// A batch queued in slot 3, and the PLC's READ slot 3 showing it running.
    std::int64_t running_batch() {
        store::NewBatch b;
        b.batch_no = 3;
        b.mo_id = "WH/MO/00123";
        b.lines = {{"silo102", store::Decimal{15000, 100}, store::Decimal{0, 100}}};
        auto id = run_on(io, db->run([&](store::Repository& r) { return r.insert_batch(b, kT0); })).value();
        memory_map::BatchRecipe recipe{
            3, "WH/MO/00123", "BOM", "FG", store::Decimal{100000, 100}, {{"silo102", store::Decimal{15000, 100}}}};
        auto words = memory_map::encode_recipe(write_area, 3, recipe).value();
        sim.plc.set_words(fins::Area::dm, 6200, words);
        return id;
    }
    store::Batch batch(std::int64_t id) {
        return run_on(io, db->run([id](store::Repository& r) { return r.find_batch(id); })).value().value();
    }
    std::vector<store::Job> jobs(std::int64_t id) {
        return run_on(io, db->run([id](store::Repository& r) { return r.jobs_for_batch(id); })).value();
    }

    testing::SimThread sim;
    boost::asio::io_context io;
    memory_map::SlotArea read_area;
    memory_map::SlotArea write_area;
    std::unique_ptr<store::DbWorker> db;
    std::unique_ptr<plc::PlcClient> client;
    testing::MemoryLogger log;
    std::unique_ptr<PlcSync> sync;
};

TEST_F(PlcSyncTest, OneFinsReadPerCycleAndAQuietBatchStillGetsItsReadTime) {
    const std::int64_t id = running_batch();
    sim.plc.reset_stats();
    const SyncOutcome out = run_on(io, sync->run_once(kT0 + 5s));
    EXPECT_TRUE(out.plc_ok);
    EXPECT_EQ(out.fins_reads, 1);
    EXPECT_EQ(sim.plc.stats().memory_reads, 1U) << "the whole READ area in one 0101";
    EXPECT_EQ(out.matched, 1);
    EXPECT_EQ(batch(id).last_read_from_plc, kT0 + 5s);
}

TEST_F(PlcSyncTest, TheFeaturesTestStatusOperationZeroToOneRecordsTheEdgeWithItsJob) {
    const std::int64_t id = running_batch();
    run_on(io, sync->run_once(kT0 + 5s));
    sim.plc.set_word(fins::Area::dm, 6273, 1);  // "Update PLC memory": status_operation = 1
    const SyncOutcome out = run_on(io, sync->run_once(kT0 + 10s));
    EXPECT_EQ(out.failures_recorded, 1);
    EXPECT_TRUE(batch(id).status_operation);
    ASSERT_EQ(jobs(id).size(), 1U);
    EXPECT_EQ(jobs(id)[0].state, store::JobState::pending);
    EXPECT_EQ(log.lines().back(),
              "[WARNING] ⚠️ BATCH FAILURE DETECTED: status_operation=1 for batch #3 (MO: WH/MO/00123). Initiating "
              "auto-cancel...");
    run_on(io, sync->run_once(kT0 + 15s));
    EXPECT_EQ(jobs(id).size(), 1U) << "the flag staying at 1 is not a new edge";
}

TEST_F(PlcSyncTest, AGarbledSlotChangesNothingTriggersNothingAndIsReportedOncePerEpisode) {
    const std::int64_t id = running_batch();
    sim.plc.set_word(fins::Area::dm, 6273, 0x8200);  // noise where status_operation lives
    run_on(io, sync->run_once(kT0 + 5s));
    run_on(io, sync->run_once(kT0 + 10s));
    EXPECT_FALSE(batch(id).status_operation);
    EXPECT_TRUE(jobs(id).empty());
    EXPECT_FALSE(batch(id).last_read_from_plc.has_value()) << "a slot that does not decode cleanly changes nothing";
    const auto lines = log.lines();
    EXPECT_EQ(
        std::count_if(lines.begin(), lines.end(),
                      [](const std::string& l) { return l.find("not updated from the PLC") != std::string::npos; }),
        1)
        << "reported once, not every cycle";
}

TEST_F(PlcSyncTest, APlcThatStopsAnsweringTouchesNothingAndIsLoggedOnceEachWay) {
    const std::int64_t id = running_batch();
    auto knobs = sim.plc.knobs();
    knobs.drop_requests = -1;
    sim.plc.set_knobs(knobs);
    sim.plc.set_word(fins::Area::dm, 6273, 1);  // even a failure flag must not act while unreadable
    EXPECT_FALSE(run_on(io, sync->run_once(kT0 + 5s)).plc_ok);
    EXPECT_FALSE(run_on(io, sync->run_once(kT0 + 10s)).plc_ok);
    EXPECT_TRUE(sync->plc_down());
    EXPECT_TRUE(jobs(id).empty());
    knobs.drop_requests = 0;
    sim.plc.set_knobs(knobs);
    sim.plc.set_word(fins::Area::dm, 6273, 0);
    EXPECT_TRUE(run_on(io, sync->run_once(kT0 + 15s)).plc_ok);
    const auto lines = log.lines();
    ASSERT_EQ(lines.size(), 2U);
    EXPECT_TRUE(lines[0].starts_with("[ERROR] PLC read failed, no batch is touched")) << lines[0];
    EXPECT_EQ(lines[1], "[INFO] PLC answers again after 2 failed read cycle(s)");
}

TEST_F(PlcSyncTest, AFinishedSlotWhoseMoWasCancelledByHandIsAcknowledgedSoThePlcGoesOn) {
    // The operator cancelled batch #3 by hand while the PLC ran it; later the PLC finishes the slot
    // and waits for status_read_data, which nobody would write.
    const std::int64_t id = running_batch();
    ASSERT_TRUE(run_on(io, db->run([id](store::Repository& r) {
                    return r.archive_batch(id, store::ArchiveStatus::cancelled, "wet PKE", kT0);
                })).ok());
    sim.plc.set_word(fins::Area::dm, 6272, 1);  // status_manufacturing: finished
    const SyncOutcome out = run_on(io, sync->run_once(kT0 + 5s));
    EXPECT_FALSE(out.error) << out.error->message();
    EXPECT_EQ(sim.plc.word(fins::Area::dm, 6276), 1) << "acknowledged";
    EXPECT_TRUE(sync->foreign_slots().empty()) << "an archived MO is not a concern";
    const auto lines = log.lines();
    EXPECT_NE(std::find(lines.begin(), lines.end(),
                        "[INFO] PLC slot 3 finished MO WH/MO/00123, which was archived meanwhile (cancelled by hand?): "
                        "acknowledged so that the PLC can go on"),
              lines.end());
    (void)run_on(io, sync->run_once(kT0 + 10s));
    EXPECT_EQ(log.lines().size(), lines.size()) << "said once";
}

TEST_F(PlcSyncTest, ASlotHoldingAnMoNeitherActiveNorArchivedIsAConcernOncePerEpisode) {
    memory_map::BatchRecipe recipe{
        4, "WH/MO/00999", "BOM", "FG", store::Decimal{100000, 100}, {{"silo102", store::Decimal{15000, 100}}}};
    sim.plc.set_words(fins::Area::dm, 6300, memory_map::encode_recipe(write_area, 4, recipe).value());
    (void)run_on(io, sync->run_once(kT0));
    (void)run_on(io, sync->run_once(kT0 + 5s));
    ASSERT_EQ(sync->foreign_slots().size(), 1U);
    EXPECT_NE(sync->foreign_slots()[0].find("PLC slot 4 holds MO WH/MO/00999, which is neither an active batch nor "
                                            "archived"),
              std::string::npos);
    int warnings = 0;
    for (const auto& l : log.lines())
        warnings += l.find("PLC slot 4 holds MO WH/MO/00999") != std::string::npos ? 1 : 0;
    EXPECT_EQ(warnings, 1);
    EXPECT_EQ(sim.plc.word(fins::Area::dm, 6376), 0) << "never acknowledged: nobody knows this batch";
    sim.plc.set_words(fins::Area::dm, 6300, std::vector<std::uint16_t>(77, 0));  // the slot is cleared
    (void)run_on(io, sync->run_once(kT0 + 10s));
    EXPECT_TRUE(sync->foreign_slots().empty());
}

}  // namespace
}  // namespace plcbridge::tasks
