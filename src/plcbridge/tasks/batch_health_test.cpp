#include "plcbridge/tasks/batch_health.hpp"

#include <gtest/gtest.h>

namespace plcbridge::tasks {
namespace {

using namespace std::chrono_literals;
const store::TimePoint kT0 = store::TimePoint(std::chrono::seconds(1'795'000'000));

store::Batch running(std::optional<store::TimePoint> last_change) {
    store::Batch b;
    b.id = 7;
    b.batch_no = 3;
    b.mo_id = "WH/MO/00123";
    b.created_at = kT0;
    b.last_read_from_plc = last_change ? std::optional(kT0 + 20min) : std::nullopt;
    b.last_change_from_plc = last_change;
    return b;
}

TEST(BatchHealth, ABatchThePlcMovesRecentlyIsFine) {
    EXPECT_TRUE(assess_batch(running(kT0 + 10min), {}, kT0 + 20min, 900s).empty());
}

TEST(BatchHealth, NoProgressForLongerThanTheThresholdIsStuckEvenWhileReadsContinue) {
    const auto c = assess_batch(running(kT0), {}, kT0 + 16min, 900s);
    ASSERT_EQ(c.size(), 1U);
    EXPECT_EQ(c[0].key, "stuck");
    EXPECT_EQ(c[0].text, "no progress from the PLC for 16 min (threshold 15 min): check the line");
}

TEST(BatchHealth, ABatchNeverSeenInThePlcIsReportedDifferently) {
    const auto c = assess_batch(running(std::nullopt), {}, kT0 + 16min, 900s);
    ASSERT_EQ(c.size(), 1U);
    EXPECT_EQ(c[0].key, "no_read");
}

TEST(BatchHealth, FinishedOrFailedBatchesAreNotStuckButTheirRefusedJobsAreConcerns) {
    store::Batch b = running(kT0);
    b.status_operation = true;
    store::Job refused;
    refused.id = 41;
    refused.kind = store::JobKind::cancel;
    refused.state = store::JobState::refused;
    refused.last_error = "Cannot cancel MO \"WH/MO/00123\" in state \"done\"";
    store::Job done = refused;
    done.id = 40;
    done.state = store::JobState::done;
    const std::vector<store::Job> jobs{done, refused};
    const auto c = assess_batch(b, jobs, kT0 + 1h, 900s);
    ASSERT_EQ(c.size(), 1U);
    EXPECT_EQ(c[0].key, "job:41:refused");
    EXPECT_EQ(c[0].text, "the cancel was refused by Odoo: Cannot cancel MO \"WH/MO/00123\" in state \"done\"");
}

}  // namespace
}  // namespace plcbridge::tasks
