// A process killed (SIGKILL) in the middle of queueing or archiving leaves every batch either fully
// archived (history row + all its lines, nothing active) or fully active — run at random points.
#include <gtest/gtest.h>

#include <spawn.h>
#include <sys/wait.h>
#include <csignal>
#include <random>
#include <thread>

#include "support/store_fixture.hpp"

extern char** environ;

namespace plcbridge::store {
namespace {

using testing::StoreBackend;

class CrashSafety : public ::testing::TestWithParam<StoreBackend> {};

/// Starts the helper, waits until it has archived a batch of its own (a loaded machine may take a
/// while to start an ASan binary and connect), lets it run `ms` more, kills it with SIGKILL; true if
/// it was killed (not exited).
bool run_and_kill(SqlConnection& db, const std::string& url, const std::string& prefix, int ms) {
    std::string helper = STORE_CRASH_HELPER;
    char* args[] = {helper.data(), const_cast<char*>(url.c_str()), const_cast<char*>(prefix.c_str()), nullptr};
    pid_t pid = 0;
    if (posix_spawn(&pid, helper.c_str(), nullptr, nullptr, args, environ) != 0) return false;
    const std::string working = "SELECT COUNT(*) FROM mo_histories WHERE mo_id LIKE '" + prefix + "/%'";
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < deadline) {
        auto rows = db.query(working);
        if (rows.ok() && !rows->empty() && rows->front().integer(0) > 0) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(ms));
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
}

TEST_P(CrashSafety, AKilledArchiverLeavesEveryBatchWholeInExactlyOnePlace) {
    const std::string url = testing::fresh_database(GetParam());
    auto repo = testing::open_repository(url);  // creates the schema
    ASSERT_NE(repo, nullptr);
    std::mt19937 rng(20261128);
    int kills = 0;
    for (int round = 0; round < 12; ++round) {
        kills += run_and_kill(repo->connection(), url, "CRASH/" + std::to_string(round), static_cast<int>(rng() % 140));
    }
    EXPECT_EQ(kills, 12) << "the helper must still be working when killed";

    auto& c = repo->connection();
    auto active = c.query(
        "SELECT b.mo_id, COUNT(l.equipment_code) FROM mo_batch b LEFT JOIN mo_batch_line l ON l.batch_id = b.id "
        "GROUP BY b.mo_id");
    ASSERT_TRUE(active.ok()) << active.error().message();
    for (const Row& r : *active)
        EXPECT_EQ(r.integer(1), 15) << "active " << r.text(0) << " lost lines";

    auto archived = c.query(
        "SELECT h.mo_id, COUNT(l.equipment_code) FROM mo_histories h LEFT JOIN mo_history_line l ON l.history_id = "
        "h.id "
        "GROUP BY h.mo_id");
    ASSERT_TRUE(archived.ok());
    for (const Row& r : *archived)
        EXPECT_EQ(r.integer(1), 15) << "archived " << r.text(0) << " lost lines";
    EXPECT_GT(archived->size(), 12U) << "the helper archived batches between kills";

    auto both = c.query("SELECT mo_id FROM mo_batch WHERE mo_id IN (SELECT mo_id FROM mo_histories)");
    ASSERT_TRUE(both.ok());
    EXPECT_TRUE(both->empty()) << both->front().text(0) << " is active and archived";
    auto orphan_lines = c.query("SELECT COUNT(*) FROM mo_batch_line WHERE batch_id NOT IN (SELECT id FROM mo_batch)");
    ASSERT_TRUE(orphan_lines.ok());
    EXPECT_EQ(orphan_lines->at(0).integer(0), 0);
    auto open_jobs =
        c.query("SELECT COUNT(*) FROM odoo_job WHERE state = 'pending' AND batch_id NOT IN (SELECT id FROM mo_batch)");
    ASSERT_TRUE(open_jobs.ok());
    EXPECT_EQ(open_jobs->at(0).integer(0), 0) << "archiving closes the batch's jobs in the same transaction";
}

INSTANTIATE_TEST_SUITE_P(Backends, CrashSafety, ::testing::Values(StoreBackend::sqlite, StoreBackend::postgresql),
                         testing::backend_name);

}  // namespace
}  // namespace plcbridge::store
