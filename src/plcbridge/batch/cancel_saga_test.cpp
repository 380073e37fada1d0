#include <gtest/gtest.h>

#include <system_error>

#include "plcbridge/batch/cancel_saga.hpp"
#include "plcbridge/batch/log_messages.hpp"

namespace plcbridge::batch {
namespace {

using namespace std::chrono_literals;

const CancelContext kJob{3, "WH/MO/00123", 0};
const BackoffPolicy kPolicy{5s, 300s};

// "Already cancelled" is a success of the cancel call (odoo::OdooClient::cancel), so it is ok here too.
TEST(CancelSaga, SuccessGoesToTheArchive) {
    const JobStep step = after_odoo_cancel(kJob, {CallVerdict::ok, ""}, kPolicy);
    EXPECT_EQ(step.next, JobNext::archive);
    ASSERT_EQ(step.log.size(), 1U);
    EXPECT_EQ(step.log[0].message, "✓ Odoo cancellation successful for batch #3 (MO: WH/MO/00123)");
}

TEST(CancelSaga, ARefusalIsFinalAndLoggedWithOdoosMessage) {
    const JobStep step =
        after_odoo_cancel(kJob, {CallVerdict::final, "Cannot cancel MO \"WH/MO/00123\" in state \"done\""}, kPolicy);
    EXPECT_EQ(step.next, JobNext::refused);
    EXPECT_EQ(step.log[0].level, LogLevel::error);
    EXPECT_EQ(step.log[0].message,
              "✗ Failed to cancel MO WH/MO/00123 in Odoo: Cannot cancel MO \"WH/MO/00123\" in state \"done\"");
    EXPECT_EQ(after_odoo_cancel(kJob, {CallVerdict::final, "MO not found: WH/MO/00123"}, kPolicy).next,
              JobNext::refused);
    const JobStep attention = after_odoo_cancel(kJob, {CallVerdict::needs_attention, "Access Denied"}, kPolicy);
    EXPECT_EQ(attention.next, JobNext::needs_attention);
    EXPECT_EQ(attention.error, "Access Denied");
}

TEST(CancelSaga, TransientFailuresRetryWithCappedExponentialBackoff) {
    CancelContext job = kJob;
    std::chrono::milliseconds waits[8];
    for (int i = 0; i < 8; ++i) {
        job.failures_so_far = i;
        const JobStep step = after_odoo_cancel(job, {CallVerdict::retry, "timed out after 30000 ms"}, kPolicy);
        EXPECT_EQ(step.next, JobNext::call_odoo);
        waits[i] = step.next_attempt_in;
    }
    EXPECT_EQ(waits[0], 5s);
    EXPECT_EQ(waits[1], 10s);
    EXPECT_EQ(waits[5], 160s);
    EXPECT_EQ(waits[6], 300s);
    EXPECT_EQ(waits[7], 300s) << "capped, never a retry storm and never given up";
    const JobStep step = after_odoo_cancel(kJob, {CallVerdict::retry, "Connection refused"}, kPolicy);
    EXPECT_NE(step.log[0].message.find("Exception during auto-cancel"), std::string::npos);
}

TEST(CancelSaga, AFailedArchiveRetriesTheArchiveAloneAndSuccessEndsTheJob) {
    const JobStep failed =
        after_archive(kJob, Error{std::make_error_code(std::errc::io_error), "database unavailable"}, kPolicy);
    EXPECT_EQ(failed.next, JobNext::archive) << "Odoo is never called again";
    EXPECT_NE(failed.log[0].message.find("Failed to archive cancelled batch #3"), std::string::npos);
    const JobStep done = after_archive(kJob, Result<void>{}, kPolicy);
    EXPECT_EQ(done.next, JobNext::done);
    EXPECT_EQ(done.log[0].message, "✓✓ Batch #3 (MO: WH/MO/00123) cancelled and archived to history");
}

TEST(LogMessages, TheFeatureDocumentsWordingExactly) {
    EXPECT_EQ(failure_detected(12345, "WH/MO/00123"),
              "⚠️ BATCH FAILURE DETECTED: status_operation=1 for batch #12345 (MO: WH/MO/00123). Initiating "
              "auto-cancel...");
    EXPECT_EQ(attempting_cancel("WH/MO/00123"), "Attempting to cancel MO WH/MO/00123 in Odoo...");
    EXPECT_EQ(kAutoCancelNote, "Auto-cancelled: status_operation=1 (failed) detected from PLC");
}

}  // namespace
}  // namespace plcbridge::batch
