#include "plcbridge/api/console_view.hpp"

#include <gtest/gtest.h>

namespace plcbridge::api {
namespace {

using namespace std::chrono_literals;

service::BatchView view(int slot, std::string mo) {
    service::BatchView v;
    v.batch.batch_no = slot;
    v.batch.mo_id = std::move(mo);
    v.batch.finished_goods = "JF SAPOT";
    v.batch.lines = {{"silo101", Decimal{15007, 100}, Decimal{7500, 100}}};
    return v;
}

store::Job job(store::JobKind kind, store::JobState state, int attempts, std::string error = "") {
    store::Job j;
    j.id = 5;
    j.kind = kind;
    j.state = state;
    j.attempts = attempts;
    j.last_error = std::move(error);
    return j;
}

TEST(ConsoleView, ActiveSlotStatesFollowTheFlagsAndTheJobs) {
    auto v = view(1, "WH/MO/00001");
    v.batch.lines[0].actual = Decimal{0, 100};
    EXPECT_EQ(active_slot_state(v), SlotState::queued);
    v.batch.lines[0].actual = Decimal{1, 100};
    EXPECT_EQ(active_slot_state(v), SlotState::dosing);
    v.batch.status_manufacturing = true;
    EXPECT_EQ(active_slot_state(v), SlotState::finished);
    v.batch.status_read_data = true;
    EXPECT_EQ(active_slot_state(v), SlotState::finished) << "acknowledged, waiting for Task 3";
    v.batch.status_operation = true;
    EXPECT_EQ(active_slot_state(v), SlotState::failed);
    v.jobs = {job(store::JobKind::cancel, store::JobState::pending, 0)};
    EXPECT_EQ(active_slot_state(v), SlotState::failed) << "Odoo not asked yet";
    v.jobs = {job(store::JobKind::cancel, store::JobState::pending, 1)};
    EXPECT_EQ(active_slot_state(v), SlotState::cancelling);
    v.jobs = {job(store::JobKind::cancel, store::JobState::odoo_done, 1)};
    EXPECT_EQ(active_slot_state(v), SlotState::cancelling);
    v.jobs = {job(store::JobKind::cancel, store::JobState::refused, 1, "MO is done")};
    EXPECT_EQ(active_slot_state(v), SlotState::needs_attention);
}

TEST(ConsoleView, EverySlotHasACardAndArchivedBatchesStayOnTheirSlot) {
    service::ConsoleInputs in;
    in.batches = {view(2, "WH/MO/00002")};
    store::History older;
    older.batch_no = 3;
    older.mo_id = "WH/MO/00001";
    older.status = "completed";
    store::History newer = older;
    newer.mo_id = "WH/MO/00003";
    newer.status = "cancelled";
    newer.notes = "Manually cancelled by operator budi: silo blocked";
    store::History replaced = older;
    replaced.batch_no = 2;  // slot 2 has an active batch again
    in.recent_histories = {newer, older, replaced};
    const Json state = console_state_json(in, service::HealthReport{}, 15s, 10);
    ASSERT_EQ(state["slots"].size(), 10U);
    EXPECT_EQ(state["slots"][0]["state"], "empty");
    EXPECT_EQ(state["slots"][1]["state"], "dosing");
    EXPECT_EQ(state["slots"][1]["mo_id"], "WH/MO/00002");
    EXPECT_EQ(state["slots"][1]["lines"][0]["planned"], 150.07);
    EXPECT_EQ(state["slots"][2]["state"], "cancelled");
    EXPECT_EQ(state["slots"][2]["mo_id"], "WH/MO/00003") << "the newest archived batch of the slot";
    EXPECT_EQ(state["slots"][2]["notes"], "Manually cancelled by operator budi: silo blocked");
    EXPECT_TRUE(state["attention"].empty());
}

TEST(ConsoleView, AttentionListsWhatNeedsAPersonWithOdoosWordsVerbatim) {
    service::ConsoleInputs in;
    auto refused = view(4, "WH/MO/00004");
    refused.jobs = {
        job(store::JobKind::cancel, store::JobState::refused, 2, "Cannot cancel MO WH/MO/00004: state is 'done'")};
    auto stuck = view(5, "WH/MO/00005");
    stuck.concerns = {"batch #5 has not changed for 20 minutes"};
    in.batches = {refused, stuck};
    in.equipment_failures = {{11, {"silo101", "motor overload", {}}, {}}, {12, {"lq115", "valve", {}}, {}}};
    in.acknowledged = {equipment_failure_target(12)};
    service::HealthReport health;
    health.unqueued_mos.push_back({"WH/MO/00009", "component 'JAGUNG GILING' has no equipment", {}});
    health.plc.link.consecutive_failures = 5;
    health.plc.link.last_error = "no reply from 10.0.0.5:9600";
    health.plc.link.last_failure = std::chrono::system_clock::now();
    const Json attention = console_state_json(in, health, 15s, 10)["attention"];
    std::vector<std::string> kinds;
    for (const auto& a : attention)
        kinds.push_back(a["kind"]);
    EXPECT_EQ(kinds, (std::vector<std::string>{"refused_cancel", "stuck_batch", "unqueued_mo", "plc_not_ready",
                                               "equipment_failure"}));
    EXPECT_EQ(attention[0]["message"], "Cannot cancel MO WH/MO/00004: state is 'done'");
    EXPECT_EQ(attention[0]["job_id"], 5);
    EXPECT_EQ(attention[4]["id"], 11) << "the acknowledged failure is gone";
}

TEST(ConsoleView, TheSameInputsGiveTheSameText) {
    service::ConsoleInputs in;
    in.batches = {view(1, "WH/MO/00001")};
    EXPECT_EQ(console_state_json(in, {}, 15s, 10).dump(), console_state_json(in, {}, 15s, 10).dump());
}

}  // namespace
}  // namespace plcbridge::api
