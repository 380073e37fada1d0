// Task 2's plan on slots decoded by the plant's own map: matching, change detection, the failure
// edge, and slots that must change nothing.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "plcbridge/memory_map/default_maps.hpp"
#include "plcbridge/tasks/plc_sync_plan.hpp"

namespace plcbridge::tasks {
namespace {

using plcbridge::Decimal;
using namespace std::chrono_literals;

const store::TimePoint kRead = store::TimePoint(std::chrono::seconds(1'795'000'000));

/// The READ slot the PLC would show for this batch, decoded by the built-in map.
memory_map::BatchSlot plc_slot(int slot, const std::string& mo, bool finished, bool failed,
                               std::int64_t silo102_hundredths, std::uint16_t noise_in_status_operation = 0) {
    auto write = memory_map::load_area(memory_map::AreaKind::write, "", 10, 100).value();
    auto read = memory_map::load_area(memory_map::AreaKind::read, "", 10, 100).value();
    memory_map::BatchRecipe r{
        slot, mo, "BOM", "FG", Decimal{100000, 100}, {{"silo102", Decimal{silo102_hundredths, 100}}}};
    auto words = memory_map::encode_recipe(write, slot, r).value();
    words[72] = finished ? 1 : 0;
    words[73] = noise_in_status_operation != 0 ? noise_in_status_operation : (failed ? 1 : 0);
    return memory_map::to_batch_slot(read.decode_slot(slot, words));
}

store::Batch stored(std::int64_t id, int slot, const std::string& mo) {
    store::Batch b;
    b.id = id;
    b.batch_no = slot;
    b.mo_id = mo;
    b.weight_finished_good = Decimal{0, 100};
    b.lines = {{"silo102", Decimal{15000, 100}, Decimal{0, 100}}};
    return b;
}

TEST(PlcSyncPlan, AMatchedQuietBatchGetsOnlyTheReadTime) {
    const store::Batch b = stored(7, 3, "WH/MO/00123");
    const memory_map::BatchSlot s = plc_slot(3, "WH/MO/00123", false, false, 0);
    const SyncPlan plan = plan_plc_sync(std::span(&b, 1), std::span(&s, 1), {}, kRead);
    ASSERT_EQ(plan.updates.size(), 1U);
    EXPECT_EQ(plan.matched, 1);
    const store::PlcUpdate& u = plan.updates[0];
    EXPECT_EQ(u.batch_id, 7);
    EXPECT_EQ(u.read_at, kRead);
    EXPECT_FALSE(u.changes_values()) << "nothing changed: only last_read_from_plc moves";
    EXPECT_TRUE(plan.failures.empty());
}

TEST(PlcSyncPlan, OnlyWhatChangedIsWritten) {
    const store::Batch b = stored(7, 3, "WH/MO/00123");
    const memory_map::BatchSlot s = plc_slot(3, "WH/MO/00123", true, false, 14999);
    const SyncPlan plan = plan_plc_sync(std::span(&b, 1), std::span(&s, 1), {}, kRead);
    const store::PlcUpdate& u = plan.updates.at(0);
    EXPECT_EQ(u.status_manufacturing, true);
    ASSERT_EQ(u.actuals.size(), 1U) << "silo102 changed; the 14 other zero readings equal the stored zero";
    EXPECT_EQ(u.actuals[0].first, "silo102");
    EXPECT_EQ(u.actuals[0].second, (Decimal{14999, 100}));
    EXPECT_FALSE(u.status_operation.has_value());
}

TEST(PlcSyncPlan, TheFailureEdgeIsPlannedOnce) {
    const store::Batch b = stored(7, 3, "WH/MO/00123");
    const memory_map::BatchSlot s = plc_slot(3, "WH/MO/00123", false, true, 5000);
    const SyncPlan plan = plan_plc_sync(std::span(&b, 1), std::span(&s, 1), {}, kRead);
    ASSERT_EQ(plan.failures.size(), 1U);
    EXPECT_EQ(plan.failures[0].batch_id, 7);
    EXPECT_TRUE(plan.log.empty()) << "the warning is written by the read cycle once the edge is stored";
    EXPECT_EQ(plan.updates.size(), 1U) << "the consumption read in the same cycle is still stored";

    store::Batch latched = b;
    latched.status_operation = true;
    EXPECT_TRUE(plan_plc_sync(std::span(&latched, 1), std::span(&s, 1), {}, kRead).failures.empty())
        << "level, not edge: no second cancel";
}

TEST(PlcSyncPlan, FinishedAndFailedIsNotCancelledButLatchedWithAWarning) {
    const store::Batch b = stored(7, 3, "WH/MO/00123");
    const memory_map::BatchSlot s = plc_slot(3, "WH/MO/00123", true, true, 15000);
    const SyncPlan plan = plan_plc_sync(std::span(&b, 1), std::span(&s, 1), {}, kRead);
    EXPECT_TRUE(plan.failures.empty());
    EXPECT_EQ(plan.updates.at(0).status_operation, true);
    ASSERT_EQ(plan.log.size(), 1U);
    EXPECT_EQ(plan.log[0].level, LogLevel::warning);
}

TEST(PlcSyncPlan, AGarbledSlotOrAnotherMoChangesNothingAndIsReported) {
    const store::Batch b = stored(7, 3, "WH/MO/00123");
    const memory_map::BatchSlot noisy = plc_slot(3, "WH/MO/00123", false, false, 0, 0x8200);
    SyncPlan plan = plan_plc_sync(std::span(&b, 1), std::span(&noisy, 1), {}, kRead);
    EXPECT_TRUE(plan.updates.empty());
    EXPECT_TRUE(plan.failures.empty()) << "noise in the status word is never a failure";
    ASSERT_EQ(plan.problems.size(), 1U);
    EXPECT_NE(plan.problems[0].what.find("status_operation at D6273: BOOL word holds 0x8200"), std::string::npos)
        << plan.problems[0].what;

    const memory_map::BatchSlot other = plc_slot(3, "WH/MO/00999", false, true, 0);
    plan = plan_plc_sync(std::span(&b, 1), std::span(&other, 1), {}, kRead);
    EXPECT_TRUE(plan.updates.empty());
    EXPECT_TRUE(plan.failures.empty()) << "a failure of another MO never cancels ours";
    EXPECT_NE(plan.problems.at(0).what.find("holds MO WH/MO/00999 but the database has WH/MO/00123"),
              std::string::npos);
}

TEST(PlcSyncPlan, ConfirmReadsCountsBeforeActing) {
    store::Batch b = stored(7, 3, "WH/MO/00123");
    const memory_map::BatchSlot s = plc_slot(3, "WH/MO/00123", false, true, 0);
    const batch::AutoCancelSettings two{true, 2};
    SyncPlan first = plan_plc_sync(std::span(&b, 1), std::span(&s, 1), two, kRead);
    EXPECT_TRUE(first.failures.empty());
    EXPECT_EQ(first.updates.at(0).failure_reads, 1);
    b.failure_reads = 1;
    SyncPlan second = plan_plc_sync(std::span(&b, 1), std::span(&s, 1), two, kRead + 5s);
    EXPECT_EQ(second.failures.size(), 1U);
}

TEST(PlcSyncPlan, AllTenSlotsFailingAtOnceGiveTenEdges) {
    std::vector<store::Batch> batches;
    std::vector<memory_map::BatchSlot> slots;
    for (int slot = 1; slot <= 10; ++slot) {
        const std::string mo = fmt::format("WH/MO/{:05}", slot);
        batches.push_back(stored(slot, slot, mo));
        slots.push_back(plc_slot(slot, mo, false, true, 100));
    }
    const SyncPlan plan = plan_plc_sync(batches, slots, {}, kRead);
    EXPECT_EQ(plan.failures.size(), 10U);
    EXPECT_EQ(plan.updates.size(), 10U);
    EXPECT_EQ(plan.matched, 10);
}

}  // namespace
}  // namespace plcbridge::tasks

namespace plcbridge::tasks {
namespace {

TEST(PlcSyncPlan, AFinishedBatchIsAcknowledgedWithTheReadThatStoresItUntilThePlcShowsTheAck) {
    const store::Batch b = stored(7, 3, "WH/MO/00123");
    const memory_map::BatchSlot running = plc_slot(3, "WH/MO/00123", false, false, 7000);
    EXPECT_TRUE(plan_plc_sync(std::span(&b, 1), std::span(&running, 1), {}, kRead).acknowledge.empty());
    const memory_map::BatchSlot finished = plc_slot(3, "WH/MO/00123", true, false, 15000);
    const SyncPlan plan = plan_plc_sync(std::span(&b, 1), std::span(&finished, 1), {}, kRead);
    EXPECT_EQ(plan.acknowledge, std::vector<int>{3});
    EXPECT_EQ(plan.updates.at(0).status_manufacturing, true) << "stored in the same cycle";
    const memory_map::BatchSlot garbled = plc_slot(3, "WH/MO/00999", true, false, 15000);
    EXPECT_TRUE(plan_plc_sync(std::span(&b, 1), std::span(&garbled, 1), {}, kRead).acknowledge.empty())
        << "another MO's slot is never acknowledged";
}

TEST(PlcSyncPlan, SlotsHoldingAnMoNoActiveBatchHoldsThereAreListedForTheReadCycle) {
    // Slot 2 was cancelled by hand while the PLC ran it; slot 3 is the batch we hold.
    const store::Batch b = stored(7, 3, "WH/MO/00123");
    const std::vector<memory_map::BatchSlot> slots = {plc_slot(2, "WH/MO/00122", true, false, 0),
                                                      plc_slot(3, "WH/MO/00123", false, false, 0)};
    const SyncPlan plan = plan_plc_sync(std::span(&b, 1), slots, {}, kRead);
    EXPECT_EQ(plan.matched, 1);
    ASSERT_EQ(plan.unclaimed.size(), 1U);
    EXPECT_EQ(plan.unclaimed[0].slot, 2);
    EXPECT_EQ(plan.unclaimed[0].mo_id, "WH/MO/00122");
    EXPECT_TRUE(plan.unclaimed[0].finished);
    EXPECT_FALSE(plan.unclaimed[0].read_acknowledged);
    EXPECT_TRUE(plan.acknowledge.empty())
        << "acknowledging it is the read cycle's call, once the database says archived";
}

}  // namespace
}  // namespace plcbridge::tasks
