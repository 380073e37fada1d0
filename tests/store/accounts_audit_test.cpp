// The console's accounts, the append-only audit trail, the history filters the console uses and
// the equipment-failure list: on SQLite and on a real PostgreSQL.
#include <gtest/gtest.h>

#include "plcbridge/store/errc.hpp"
#include "support/store_fixture.hpp"

namespace plcbridge::store {
namespace {

using testing::StoreBackend;
using namespace std::chrono_literals;

const TimePoint kT0 = TimePoint(std::chrono::milliseconds(1'795'000'000'000));  // 2026-11-18

class ConsoleStore : public ::testing::TestWithParam<StoreBackend> {
  protected:
    void SetUp() override {
        repo = testing::open_repository(testing::fresh_database(GetParam()));
        ASSERT_NE(repo, nullptr);
    }
    std::int64_t archived(int slot, const std::string& mo, const std::string& product, ArchiveStatus status,
                          TimePoint at) {
        NewBatch b;
        b.batch_no = slot;
        b.mo_id = mo;
        b.finished_goods = product;
        auto id = repo->insert_batch(b, at);
        EXPECT_TRUE(id.ok()) << (id.ok() ? "" : id.error().message());
        EXPECT_TRUE(repo->archive_batch(*id, status, "", at).ok());
        return *id;
    }
    std::unique_ptr<SqlRepository> repo;
};

TEST_P(ConsoleStore, AccountsAreAddedFoundChangedAndUnique) {
    OperatorAccount a;
    a.username = "budi";
    a.role = "operator";
    a.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$stand-in";
    ASSERT_TRUE(repo->add_operator(a, kT0).ok());
    auto twice = repo->add_operator(a, kT0);
    ASSERT_FALSE(twice.ok());
    EXPECT_EQ(twice.error().code, Errc::constraint);
    EXPECT_NE(twice.error().detail.find("'budi' exists already"), std::string::npos) << twice.error().detail;

    auto found = repo->find_operator("budi").value();
    ASSERT_TRUE(found);
    EXPECT_EQ(found->role, "operator");
    EXPECT_FALSE(found->disabled);
    EXPECT_EQ(found->password_hash, a.password_hash);

    ASSERT_TRUE(repo->change_operator("budi", {std::nullopt, std::string("$argon2id$new"), true}, kT0 + 1s).ok());
    found = repo->find_operator("budi").value();
    EXPECT_TRUE(found->disabled);
    EXPECT_EQ(found->password_hash, "$argon2id$new");
    EXPECT_EQ(found->role, "operator") << "unset members stay";

    EXPECT_EQ(repo->change_operator("nobody", {"admin", std::nullopt, std::nullopt}, kT0).error().code,
              Errc::not_found);
    EXPECT_FALSE(repo->find_operator("nobody").value());
    a.username = "ani";
    a.role = "superuser";
    EXPECT_EQ(repo->add_operator(a, kT0).error().code, Errc::constraint) << "the role is checked by the table";
    EXPECT_EQ(repo->operators()->size(), 1U);
}

TEST_P(ConsoleStore, TheAuditTrailIsAppendOnlyAndNewestFirst) {
    ASSERT_TRUE(repo->append_audit({0, kT0, "budi", "login", "", "", "ok"}).ok());
    ASSERT_TRUE(
        repo->append_audit({0, kT0 + 1s, "budi", "manual_cancel", "batch 3 (WH/MO/00123)", "silo blocked", "ok"}).ok());
    ASSERT_TRUE(repo->append_audit({0, kT0 + 2s, "ani", "login", "", "", "wrong password"}).ok());
    auto all = repo->audit_entries({}).value();
    ASSERT_EQ(all.size(), 3U);
    EXPECT_EQ(all[0].actor, "ani");
    EXPECT_EQ(all[1].reason, "silo blocked");
    EXPECT_EQ(all[1].target, "batch 3 (WH/MO/00123)");
    EXPECT_EQ(repo->audit_entries({"budi", std::nullopt, 50, 0})->size(), 2U);
    EXPECT_EQ(repo->audit_entries({std::nullopt, "login", 1, 1})->at(0).actor, "budi");

    for (const char* tamper : {"UPDATE audit_log SET outcome = 'ok'", "DELETE FROM audit_log"}) {
        auto refused = repo->connection().query(tamper);
        ASSERT_FALSE(refused.ok()) << tamper;
        EXPECT_NE(refused.error().detail.find("append-only"), std::string::npos) << refused.error().detail;
    }
    EXPECT_EQ(repo->audit_entries({})->size(), 3U);
}

TEST_P(ConsoleStore, HistoriesFilterByProductAndArchiveTime) {
    archived(1, "WH/MO/00001", "JF SAPOT", ArchiveStatus::completed, kT0);
    archived(2, "WH/MO/00002", "BR 511 PLUS 50%_A", ArchiveStatus::cancelled, kT0 + 24h);
    archived(3, "WH/MO/00003", "jf sapot super", ArchiveStatus::cancelled, kT0 + 48h);
    HistoryFilter f;
    f.product = "sapot";
    EXPECT_EQ(repo->histories(f)->size(), 2U) << "any case, part of the name";
    f.product = "50%_";
    ASSERT_EQ(repo->histories(f)->size(), 1U) << "% and _ are the user's characters";
    f.product = "5%";
    EXPECT_EQ(repo->histories(f)->size(), 0U);
    f = {};
    f.from = kT0 + 1h;
    f.before = kT0 + 47h;
    auto window = repo->histories(f).value();
    ASSERT_EQ(window.size(), 1U);
    EXPECT_EQ(window[0].mo_id, "WH/MO/00002");
    f.status = "completed";
    EXPECT_EQ(repo->histories(f)->size(), 0U);
}

TEST_P(ConsoleStore, RecentEquipmentFailuresNewestFirst) {
    ASSERT_TRUE(repo->insert_equipment_failure({"silo101", "motor overload", kT0}, kT0 + 1s).ok());
    ASSERT_TRUE(repo->insert_equipment_failure({"lq115", "valve stuck", kT0 + 1min}, kT0 + 61s).ok());
    auto list = repo->recent_equipment_failures(10).value();
    ASSERT_EQ(list.size(), 2U);
    EXPECT_EQ(list[0].failure.equipment_code, "lq115");
    EXPECT_EQ(list[1].failure.info, "motor overload");
    EXPECT_EQ(repo->recent_equipment_failures(1)->size(), 1U);
}

TEST_P(ConsoleStore, AnOperatorRetriesOnlyAStuckJob) {
    NewBatch b;
    b.batch_no = 4;
    b.mo_id = "WH/MO/00004";
    const std::int64_t batch = repo->insert_batch(b, kT0).value();
    const std::int64_t job = repo->create_job(JobKind::cancel, batch, b.mo_id, "", kT0).value();
    EXPECT_EQ(repo->retry_job(job, kT0).error().code, Errc::conflict) << "a pending job is not stuck";
    ASSERT_TRUE(repo->claim_job(job, "w", kT0, 30s).value());
    ASSERT_TRUE(repo->record_attempt(job, "w", {JobState::refused, "MO is done", std::nullopt}, kT0).ok());
    auto retried = repo->retry_job(job, kT0 + 1min);
    ASSERT_TRUE(retried.ok()) << retried.error().message();
    EXPECT_EQ(retried->state, JobState::pending);
    EXPECT_EQ(retried->next_attempt_at, kT0 + 1min);
    EXPECT_EQ(retried->attempts, 1) << "attempts count on";
    EXPECT_EQ(repo->claim_due_jobs("w", kT0 + 1min, 30s, 10)->size(), 1U) << "due at once";
    auto unknown = repo->retry_job(9999, kT0);
    EXPECT_EQ(unknown.error().code, Errc::not_found);
}

INSTANTIATE_TEST_SUITE_P(Backends, ConsoleStore, ::testing::Values(StoreBackend::sqlite, StoreBackend::postgresql),
                         testing::backend_name);

}  // namespace
}  // namespace plcbridge::store
