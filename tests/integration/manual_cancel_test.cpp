// The manual cancel on a real SQLite store: archived with the operator's notes; 404 and 409 cases.
#include <gtest/gtest.h>

#include "plcbridge/store/errc.hpp"
#include "plcbridge/tasks/manual_cancel.hpp"
#include "support/memory_logger.hpp"
#include "support/store_fixture.hpp"

namespace plcbridge::tasks {
namespace {

using namespace std::chrono_literals;
const store::TimePoint kT0 = store::TimePoint(std::chrono::seconds(1'795'000'000));

class ManualCancelTest : public ::testing::Test {
  protected:
    ManualCancelTest() : repo(testing::open_repository(testing::fresh_database(testing::StoreBackend::sqlite))) {}
    std::int64_t queue(int slot, const std::string& mo) {
        store::NewBatch b;
        b.batch_no = slot;
        b.mo_id = mo;
        b.lines = {{"silo101", store::Decimal{10000, 100}, store::Decimal{9990, 100}}};
        return repo->insert_batch(b, kT0).value();
    }
    std::unique_ptr<store::SqlRepository> repo;
    testing::MemoryLogger log;
};

TEST_F(ManualCancelTest, ArchivesAsCancelledWithTheOperatorsNotesAndWithoutCallingOdoo) {
    queue(3, "WH/MO/00123");
    auto done = manual_cancel(*repo, log, 3, "Quality issue: wet PKE", kT0 + 1s);
    ASSERT_TRUE(done.ok()) << done.error().message();
    EXPECT_EQ(done->mo_id, "WH/MO/00123");
    auto h = repo->histories({}).value();
    ASSERT_EQ(h.size(), 1U);
    EXPECT_EQ(h[0].status, "cancelled");
    EXPECT_EQ(h[0].notes, "Quality issue: wet PKE");
    EXPECT_EQ(h[0].lines.at(0).actual, (store::Decimal{9990, 100}));
    EXPECT_TRUE(repo->active_batches()->empty());
    EXPECT_TRUE(repo->jobs_in_state(store::JobState::pending)->empty()) << "no Odoo effect by default";
    EXPECT_EQ(log.lines().at(0),
              "[INFO] Batch #3 (MO: WH/MO/00123) cancelled manually and archived to history: Quality issue: wet PKE");
}

TEST_F(ManualCancelTest, TheDefaultNoteIsTheFeaturesWording) {
    queue(4, "WH/MO/00124");
    ASSERT_TRUE(manual_cancel(*repo, log, 4, "", kT0).ok());
    EXPECT_EQ(repo->histories({})->at(0).notes, "Manually cancelled by operator");
}

TEST_F(ManualCancelTest, AnEmptySlotIsNotFound) {
    auto r = manual_cancel(*repo, log, 5, "", kT0);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, store::Errc::not_found);
    EXPECT_EQ(r.error().detail, "no active batch in slot 5");
}

TEST_F(ManualCancelTest, ABatchTheAutoCancelIsArchivingIsAConflict) {
    const std::int64_t id = queue(6, "WH/MO/00126");
    ASSERT_TRUE(repo->record_failure(id, kT0).ok());
    const auto job = repo->claim_due_jobs("w", kT0, 60s, 1, store::JobKind::cancel).value().at(0);
    ASSERT_TRUE(repo->record_attempt(job.id, "w", {store::JobState::odoo_done, "", kT0}, kT0).ok());
    auto r = manual_cancel(*repo, log, 6, "", kT0);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, store::Errc::conflict);
    EXPECT_EQ(repo->active_batches()->size(), 1U) << "left to the auto-cancel";
}

TEST_F(ManualCancelTest, APendingAutoCancelIsClosedByTheManualArchive) {
    const std::int64_t id = queue(7, "WH/MO/00127");
    ASSERT_TRUE(repo->record_failure(id, kT0).ok());
    ASSERT_TRUE(manual_cancel(*repo, log, 7, "operator decided", kT0).ok());
    EXPECT_EQ(repo->jobs_for_batch(id)->at(0).state, store::JobState::done) << "no Odoo call after the archive";
}

}  // namespace
}  // namespace plcbridge::tasks
