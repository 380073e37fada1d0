#include <gtest/gtest.h>

#include "plcbridge/batch/failure_rule.hpp"

namespace plcbridge::batch {
namespace {

const AutoCancelSettings kDefault{};

TEST(FailureRule, TheZeroToOneEdgeTriggersTheCancelOnce) {
    const FailureDecision d = decide_failure({false, 0, true, false}, kDefault);
    EXPECT_EQ(d.action, FailureAction::trigger_cancel);
    EXPECT_EQ(d.failure_reads, 1);
    // The next read still shows 1, but the stored flag is 1 now: level, not edge -> nothing.
    EXPECT_EQ(decide_failure({true, 1, true, false}, kDefault).action, FailureAction::none);
}

TEST(FailureRule, NoFailureNoAction) {
    EXPECT_EQ(decide_failure({false, 0, false, false}, kDefault).action, FailureAction::none);
    EXPECT_EQ(decide_failure({false, 0, false, true}, kDefault).action, FailureAction::none) << "finished normally";
}

TEST(FailureRule, ConfirmReadsWaitsForConsecutiveReadsAndForgetsABlip) {
    const AutoCancelSettings three{true, 3};
    EXPECT_EQ(decide_failure({false, 0, true, false}, three).action, FailureAction::count);
    EXPECT_EQ(decide_failure({false, 1, true, false}, three).failure_reads, 2);
    const FailureDecision blip = decide_failure({false, 2, false, false}, three);
    EXPECT_EQ(blip.action, FailureAction::reset);
    EXPECT_EQ(blip.failure_reads, 0);
    EXPECT_EQ(decide_failure({false, 2, true, false}, three).action, FailureAction::trigger_cancel);
}

TEST(FailureRule, AFinishedBatchIsNeverCancelledButTheFlagIsKept) {
    const FailureDecision d = decide_failure({false, 0, true, true}, kDefault);
    EXPECT_EQ(d.action, FailureAction::latch_only);
    EXPECT_TRUE(d.finished_and_failed);
}

TEST(FailureRule, WithAutoCancelDisabledTheFlagIsOnlyLatched) {
    const FailureDecision d = decide_failure({false, 0, true, false}, AutoCancelSettings{false, 1});
    EXPECT_EQ(d.action, FailureAction::latch_only);
    EXPECT_FALSE(d.finished_and_failed);
}

}  // namespace
}  // namespace plcbridge::batch
