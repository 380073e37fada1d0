#include <gtest/gtest.h>

#include <system_error>

#include "plcbridge/batch/completion_report.hpp"

namespace plcbridge::batch {
namespace {

using namespace std::chrono_literals;

const CompletionContext kJob{4, "WH/MO/00020", 0, true};
const BackoffPolicy kPolicy{5s, 300s};

TEST(CompletionReport, ABatchWithoutAnyConsumptionWaitsForTheOperator) {
    const JobStep step = without_consumption(kJob);
    EXPECT_EQ(step.next, JobNext::needs_attention);
    ASSERT_EQ(step.log.size(), 1U);
    EXPECT_EQ(step.log[0].level, LogLevel::error);
    EXPECT_NE(step.log[0].message.find("✗ Odoo did not take the report of batch #4 (MO: WH/MO/00020): the PLC "
                                       "reported no consumption at all"),
              std::string::npos);
    EXPECT_NE(step.error.find("plcbridge cancel"), std::string::npos) << "the reason says what to do";
}

TEST(CompletionReport, TheMoStateDecidesWhetherToReport) {
    EXPECT_EQ(after_state_query(kJob, {}, "confirmed", kPolicy).next, JobNext::go_on);
    EXPECT_TRUE(after_state_query(kJob, {}, "progress", kPolicy).log.empty());
    const JobStep done = after_state_query(kJob, {}, "done", kPolicy);
    EXPECT_EQ(done.next, JobNext::archive) << "reported before: archived without a second report";
    EXPECT_EQ(done.log[0].level, LogLevel::warning);
    EXPECT_NE(done.log[0].message.find("MO WH/MO/00020 is already done in Odoo"), std::string::npos);
    const JobStep cancelled = after_state_query(kJob, {}, "cancel", kPolicy);
    EXPECT_EQ(cancelled.next, JobNext::needs_attention);
    EXPECT_EQ(cancelled.error, "the MO is cancelled in Odoo although the PLC finished the batch");
}

TEST(CompletionReport, FailedCallsAreRetriedOrHandedOverAsClassified) {
    CompletionContext third = kJob;
    third.failures_so_far = 2;
    const JobStep retried = after_state_query(third, {CallVerdict::retry, "timed out after 30000 ms"}, "", kPolicy);
    EXPECT_EQ(retried.next, JobNext::call_odoo);
    EXPECT_EQ(retried.next_attempt_in, 20s);
    EXPECT_EQ(retried.error, "timed out after 30000 ms");
    EXPECT_NE(retried.log[0].message.find("retried in 20 s"), std::string::npos);
    for (const CallVerdict final_no : {CallVerdict::final, CallVerdict::needs_attention}) {
        const JobStep refused = after_consumption_report(kJob,
                                                         {final_no,
                                                          "Cannot update MO \"WH/MO/00020\" in state "
                                                          "\"cancel\""},
                                                         {}, kPolicy);
        EXPECT_EQ(refused.next, JobNext::needs_attention);
        EXPECT_EQ(refused.error, "Cannot update MO \"WH/MO/00020\" in state \"cancel\"");
    }
}

TEST(CompletionReport, PerItemErrorsStopAndSuccessGoesOnOrArchivesWithoutMarkDone) {
    const JobStep partial = after_consumption_report(kJob, {}, {"silo101: not found", "lq114: no move"}, kPolicy);
    EXPECT_EQ(partial.next, JobNext::needs_attention);
    EXPECT_EQ(partial.error, "Odoo reported errors: silo101: not found; lq114: no move");
    const JobStep recorded = after_consumption_report(kJob, {}, {}, kPolicy);
    EXPECT_EQ(recorded.next, JobNext::go_on) << "mark done comes next";
    EXPECT_EQ(recorded.log[0].message, "✓ Consumption of batch #4 (MO: WH/MO/00020) recorded in Odoo");
    CompletionContext no_mark = kJob;
    no_mark.mark_done = false;
    EXPECT_EQ(after_consumption_report(no_mark, {}, {}, kPolicy).next, JobNext::archive);
}

TEST(CompletionReport, MarkDoneMustReallyCloseTheMo) {
    const JobStep open = after_mark_done(kJob, {}, "to_close", kPolicy);
    EXPECT_EQ(open.next, JobNext::needs_attention);
    EXPECT_NE(open.error.find("the MO is still 'to_close'"), std::string::npos);
    const JobStep closed = after_mark_done(kJob, {}, "done", kPolicy);
    EXPECT_EQ(closed.next, JobNext::archive);
    EXPECT_EQ(closed.log[0].message, "✓ MO WH/MO/00020 marked done in Odoo");
}

TEST(CompletionReport, AFailedArchiveIsRetriedAloneAndSuccessEndsTheJob) {
    const Error busy{std::make_error_code(std::errc::resource_unavailable_try_again), "database is locked"};
    CompletionContext later = kJob;
    later.failures_so_far = 4;
    const JobStep failed = after_completion_archive(later, busy, kPolicy);
    EXPECT_EQ(failed.next, JobNext::archive) << "Odoo is not called again";
    EXPECT_EQ(failed.next_attempt_in, 5s) << "the archive waits for the database: the first backoff step";
    EXPECT_NE(failed.log[0].message.find("✗ Failed to archive completed batch #4 (MO: WH/MO/00020)"),
              std::string::npos);
    const JobStep done = after_completion_archive(kJob, Result<void>{}, kPolicy);
    EXPECT_EQ(done.next, JobNext::done);
    EXPECT_EQ(done.log[0].message, "✓✓ Batch #4 (MO: WH/MO/00020) completed and archived to history");
}

TEST(CompletionReport, TheArchiveNoteSaysWhatWasToldAndKeepsAFailureOnRecord) {
    EXPECT_EQ(completion_note(true, false), "Completed: consumption reported to Odoo, MO marked done");
    EXPECT_EQ(completion_note(false, false), "Completed: consumption reported to Odoo");
    EXPECT_EQ(completion_note(true, true),
              "Completed with a failure: the PLC reported the batch finished and failed (status_operation=1 kept for "
              "the operator); consumption reported to Odoo, MO marked done");
}

}  // namespace
}  // namespace plcbridge::batch
