// Task 1 against the PLC simulator (FINS/UDP), the Odoo simulator (HTTP) and SQLite: the queue goes
// to the PLC in at most slots + 1 writes, is released last and stored after; a failed write leaves
// the handshake held and nothing stored; no MO is queued twice.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <mutex>

#include "plcbridge/memory_map/batch_slot.hpp"
#include "plcbridge/memory_map/default_maps.hpp"
#include "plcbridge/tasks/mo_sync.hpp"
#include "support/memory_logger.hpp"
#include "support/odoo_sim_thread.hpp"
#include "support/sim_fixture.hpp"
#include "support/store_fixture.hpp"
#include "support/test_clients.hpp"

namespace plcbridge::tasks {
namespace {

using namespace std::chrono_literals;
using testing::run_on;

const store::TimePoint kT0 = store::TimePoint(std::chrono::seconds(1'795'000'000));
constexpr fins::Area kDm = fins::Area::dm;

class MoSyncTest : public ::testing::Test {
  protected:
    MoSyncTest() : odoo(12), write_area(memory_map::load_area(memory_map::AreaKind::write, "", 10, 100).value()) {
        db = std::make_unique<store::DbWorker>(
            testing::open_repository(testing::fresh_database(testing::StoreBackend::sqlite)));
        client = testing::loopback_plc_client(io, sim.port);
        odoo_client = testing::loopback_odoo_client(io, odoo.port);
        sync = std::make_unique<MoSync>(*client, *db, *odoo_client, write_area, log, MoSyncSettings{});
        sim.plc.set_word(kDm, 7076, 1);  // the PLC is ready for a queue
        sim.plc.on_write([this](const fins::MemoryAddress& at, std::size_t count) {
            std::lock_guard lock(writes_mutex);
            writes.emplace_back(at.word, count);
        });
    }
    /// The FINS writes the simulator executed so far (recorded on its thread).
    std::vector<std::pair<std::uint32_t, std::size_t>> written() {
        std::lock_guard lock(writes_mutex);
        return writes;
    }
    void forget_writes() {
        std::lock_guard lock(writes_mutex);
        writes.clear();
    }
    std::vector<store::Batch> active() {
        return run_on(io, db->run([](store::Repository& r) { return r.active_batches(); })).value();
    }

    testing::SimThread sim;
    testing::OdooSimThread odoo;
    boost::asio::io_context io;
    memory_map::SlotArea write_area;
    std::unique_ptr<store::DbWorker> db;
    std::unique_ptr<plc::PlcClient> client;
    std::unique_ptr<odoo::OdooClient> odoo_client;
    testing::MemoryLogger log;
    std::unique_ptr<MoSync> sync;
    std::mutex writes_mutex;
    std::vector<std::pair<std::uint32_t, std::size_t>> writes;  ///< (first word, count) per FINS write
};

TEST_F(MoSyncTest, TenBatchesGoToThePlcInElevenWritesReleasedLastAndStoredAfter) {
    const MoSyncOutcome out = run_on(io, sync->run_once(kT0));
    EXPECT_TRUE(out.error.empty()) << out.error;
    EXPECT_EQ(out.queued, 10);
    EXPECT_EQ(out.fins_writes, 11) << "one per slot and the release (the existing system needed 381)";
    const auto writes_seen = written();
    ASSERT_EQ(writes_seen.size(), 11U);
    EXPECT_EQ(writes_seen.back(), (std::pair<std::uint32_t, std::size_t>{7076, 1})) << "the release comes last";
    EXPECT_EQ(sim.plc.word(kDm, 7076), 0);

    for (int slot = 1; slot <= 10; ++slot) {
        const auto words = sim.plc.words(kDm, write_area.slot_address(slot), 77);
        const auto decoded = memory_map::to_batch_slot(write_area.decode_slot(slot, words));
        EXPECT_EQ(decoded.status, memory_map::SlotStatus::valid) << "slot " << slot;
        EXPECT_EQ(decoded.mo_id, fmt::format("WH/MO/{:05}", slot));
        EXPECT_FALSE(decoded.finished);
        EXPECT_FALSE(decoded.failed);
    }
    const auto batches = active();
    ASSERT_EQ(batches.size(), 10U);
    EXPECT_EQ(batches[0].mo_id, "WH/MO/00001");
    EXPECT_FALSE(batches[0].lines.empty());
    EXPECT_EQ(log.lines().back(),
              "[INFO] Queue of 10 batch(es) written to the PLC in 11 FINS write(s) and released (D7076 = 0)");
    // The generated MOs carry an additive on PLC01: reported, not dropped silently.
    EXPECT_NE(
        std::find_if(log.lines().begin(), log.lines().end(),
                     [](const std::string& l) { return l.find("is not on a PLC silo or tank") != std::string::npos; }),
        log.lines().end());
}

TEST_F(MoSyncTest, NothingIsQueuedWhileAQueueIsActiveOrThePlcIsBusy) {
    ASSERT_EQ(run_on(io, sync->run_once(kT0)).queued, 10);
    const MoSyncOutcome again = run_on(io, sync->run_once(kT0 + 1s));
    EXPECT_EQ(again.queued, 0);
    EXPECT_EQ(again.waiting, "a queue is active (10 batch(es) in mo_batch)");
}

TEST_F(MoSyncTest, ThePlcNotReadyMeansWaiting) {
    sim.plc.set_word(kDm, 7076, 0);
    sim.plc.set_word(kDm, 7000, 1);  // an old queue still in the WRITE area
    const MoSyncOutcome out = run_on(io, sync->run_once(kT0));
    EXPECT_EQ(out.queued, 0);
    EXPECT_EQ(out.waiting, "the PLC is not ready for a new queue (D7076 = 0)");
    EXPECT_TRUE(written().empty());
}

TEST_F(MoSyncTest, AWriteFailureMidQueueHoldsTheHandshakeStoresNothingAndTheNextCycleWritesTheWholeQueue) {
    sim::FaultKnobs fail_fifth_write;
    fail_fifth_write.pass_requests = 5;  // the area read and four slot writes go through
    fail_fifth_write.forced_end_code = fins::end_codes::kReadOnly;
    fail_fifth_write.forced_end_code_count = 1;
    sim.plc.set_knobs(fail_fifth_write);
    const MoSyncOutcome failed = run_on(io, sync->run_once(kT0));
    EXPECT_EQ(failed.queued, 0);
    EXPECT_NE(failed.error.find("PLC write of slot 5 failed"), std::string::npos) << failed.error;
    EXPECT_EQ(sim.plc.word(kDm, 7076), 1) << "the PLC never starts on a half-written queue";
    EXPECT_TRUE(active().empty()) << "nothing committed";

    forget_writes();
    const MoSyncOutcome retried = run_on(io, sync->run_once(kT0 + 60s));
    EXPECT_EQ(retried.queued, 10);
    EXPECT_EQ(written().size(), 11U) << "the whole queue again";
    EXPECT_EQ(sim.plc.word(kDm, 7076), 0);
    EXPECT_EQ(active().size(), 10U);
}

TEST_F(MoSyncTest, AQueueReleasedButNeverStoredIsAdoptedFromTheWriteArea) {
    ASSERT_EQ(run_on(io, sync->run_once(kT0)).queued, 10);
    // The service died between the release and the commit: a database without the queue.
    auto lost = std::make_unique<store::DbWorker>(
        testing::open_repository(testing::fresh_database(testing::StoreBackend::sqlite)));
    MoSync restarted(*client, *lost, *odoo_client, write_area, log, MoSyncSettings{});
    const MoSyncOutcome out = run_on(io, restarted.run_once(kT0 + 1s));
    EXPECT_EQ(out.adopted, 10);
    EXPECT_EQ(out.queued, 0) << "nothing new is written over a running queue";
    const auto adopted = run_on(io, lost->run([](store::Repository& r) { return r.active_batches(); })).value();
    ASSERT_EQ(adopted.size(), 10U);
    EXPECT_EQ(adopted[0].mo_id, "WH/MO/00001");
    EXPECT_FALSE(adopted[0].lines.empty()) << "the planned amounts come from the WRITE slot";
    EXPECT_EQ(run_on(io, restarted.run_once(kT0 + 2s)).adopted, 0) << "once";
}

TEST_F(MoSyncTest, AnMoAlreadyInTheHistoryIsNeverQueuedAgain) {
    ASSERT_EQ(run_on(io, sync->run_once(kT0)).queued, 10);
    const auto first = active();
    for (const auto& b : first) {
        const auto id = b.id;
        ASSERT_TRUE(run_on(io, db->run([id](store::Repository& r) {
                        return r.archive_batch(id, store::ArchiveStatus::completed, "done", kT0);
                    })).ok());
    }
    sim.plc.set_word(kDm, 7076, 1);  // the PLC finished and is ready again
    const MoSyncOutcome second = run_on(io, sync->run_once(kT0 + 1h));
    EXPECT_EQ(second.queued, 2) << "only the two MOs never queued (Odoo still lists the others as confirmed)";
    const auto now_active = active();
    ASSERT_EQ(now_active.size(), 2U);
    EXPECT_EQ(now_active[0].mo_id, "WH/MO/00011");
    EXPECT_EQ(now_active[1].mo_id, "WH/MO/00012");
    EXPECT_EQ(now_active[0].batch_no, 1) << "a new queue starts at slot 1";
}

}  // namespace
}  // namespace plcbridge::tasks
