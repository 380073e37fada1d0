#include <gtest/gtest.h>

#include "plcbridge/batch/failure_report.hpp"

namespace plcbridge::batch {
namespace {

using namespace std::chrono_literals;

const FailureReportContext kReport{"silo104", "MOTOR_OVERLOAD", 1};
const BackoffPolicy kPolicy{5s, 300s};

TEST(FailureReport, ARecordOdooAlreadyHoldsEndsTheJobWithoutASecondReport) {
    const JobStep found = after_failure_lookup(kReport, {}, 7, kPolicy);
    EXPECT_EQ(found.next, JobNext::done);
    EXPECT_NE(found.log[0].message.find("was already in Odoo (record 7)"), std::string::npos);
    EXPECT_EQ(after_failure_lookup(kReport, {}, std::nullopt, kPolicy).next, JobNext::go_on) << "not there: send it";
}

TEST(FailureReport, AFailedLookupIsRetriedWhateverOdooSaid) {
    // Sending without knowing could report the event twice.
    for (const CallVerdict v : {CallVerdict::retry, CallVerdict::final, CallVerdict::needs_attention}) {
        const JobStep step = after_failure_lookup(kReport, {v, "Access Denied"}, std::nullopt, kPolicy);
        EXPECT_EQ(step.next, JobNext::call_odoo);
        EXPECT_EQ(step.next_attempt_in, 10s) << "the second failure in a row";
    }
}

TEST(FailureReport, TheReportEndsDoneRetriedOrRefused) {
    EXPECT_EQ(after_failure_report(kReport, {}, kPolicy).log[0].message,
              "✓ Equipment failure silo104 MOTOR_OVERLOAD reported to Odoo");
    const JobStep retried = after_failure_report(kReport, {CallVerdict::retry, "Connection refused"}, kPolicy);
    EXPECT_EQ(retried.next, JobNext::call_odoo);
    EXPECT_EQ(retried.log[0].message,
              "✗ Equipment failure silo104 not reported to Odoo yet: Connection refused; retried in 10 s");
    const JobStep refused =
        after_failure_report(kReport, {CallVerdict::final, "Equipment \"silo104\" not found"}, kPolicy);
    EXPECT_EQ(refused.next, JobNext::needs_attention);
    EXPECT_EQ(refused.error, "Equipment \"silo104\" not found");
}

TEST(FailureReport, AnUnreadableStoredRequestIsNotSent) {
    const JobStep step = unreadable_failure_request(12, "not JSON");
    EXPECT_EQ(step.next, JobNext::needs_attention);
    EXPECT_NE(step.log[0].message.find("equipment failure job 12"), std::string::npos);
}

}  // namespace
}  // namespace plcbridge::batch
