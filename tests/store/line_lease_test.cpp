// The line's lease and the write fence on a real PostgreSQL (docs/FAILOVER.md): who may take the
// lease and when, that a take-over fences the old holder's writes, and two lease keepers handing a
// line over. SQLite has no lease (one instance); only the timing rule runs without PostgreSQL.
#include <gtest/gtest.h>

#include <thread>

#include "plcbridge/core/leadership.hpp"
#include "plcbridge/store/errc.hpp"
#include "plcbridge/store/lease_keeper.hpp"
#include "plcbridge/store/line_lease.hpp"
#include "support/memory_logger.hpp"
#include "support/service_process.hpp"
#include "support/store_fixture.hpp"

namespace plcbridge::store {
namespace {

using namespace std::chrono_literals;

TEST(LeaseTiming, AStandbyFindsTheLeaseEndedWithinTheTakeOverTime) {
    for (const auto takeover : {1000ms, 2000ms, 10000ms, 600000ms}) {
        const LeaseTiming t = lease_timing(takeover);
        EXPECT_LE(t.lease + t.poll, takeover) << "lease ends, the next poll takes it: within takeover";
        EXPECT_LT(t.renew * 3, t.lease) << "a leader may miss two renewals without losing the line";
        EXPECT_GT(t.poll, 0ms);
    }
}

TEST(LeadershipFlag, ASingleInstanceAlwaysLeadsALeasedOneOnlyUntilItsLeaseEnds) {
    const Leadership alone = Leadership::single_instance();
    EXPECT_TRUE(alone.leading());
    EXPECT_EQ(alone.epoch(), 0);
    Leadership leased = Leadership::leased();
    EXPECT_FALSE(leased.leading()) << "a new instance is a standby until it takes the lease";
    const auto now = Leadership::Clock::now();
    leased.lead(7, now + 1s);
    EXPECT_TRUE(leased.leading(now));
    EXPECT_FALSE(leased.leading(now + 1s)) << "the local lease ends on its own, without the database";
    leased.extend(now + 5s);
    EXPECT_TRUE(leased.leading(now + 2s));
    leased.step_down();
    EXPECT_FALSE(leased.leading(now));
    EXPECT_EQ(leased.epoch(), 0);
}

class LineLeaseTest : public ::testing::Test {
  protected:
    void SetUp() override {
        if (std::getenv("PLCBRIDGE_TEST_PG_URL") == nullptr)
            GTEST_SKIP() << "PLCBRIDGE_TEST_PG_URL is not set (make test starts PostgreSQL and sets it)";
        url = testing::fresh_database(testing::StoreBackend::postgresql);
        repo = testing::open_repository(url);  // migrates
        ASSERT_NE(repo, nullptr);
        a.name = "host-a api 127.0.0.1:8000 node 11";
        a.fins_node = 11;
        a.api = "127.0.0.1:8000";
        b.name = "host-b api 127.0.0.1:8001 node 12";
        b.fins_node = 12;
        b.api = "127.0.0.1:8001";
    }
    std::unique_ptr<SqlConnection> connect() {
        auto c = open_connection(*parse_database_url(url));
        EXPECT_TRUE(c.ok());
        return std::move(*c);
    }
    static NewBatch batch(int slot, const std::string& mo) {
        NewBatch nb;
        nb.batch_no = slot;
        nb.mo_id = mo;
        return nb;
    }

    /// Two lease keepers, a and b, on a 1 s take-over time, started in that order (a finds the
    /// line free). a's sessions show as `a_application_name` in pg_stat_activity.
    struct TwoKeepers {
        TwoKeepers(const std::string& url, const InstanceIdentity& a, const InstanceIdentity& b,
                   const std::string& a_application_name)
            : ka(url_named(url, a_application_name), a, lease_timing(1000ms), la, log),
              kb(url_named(url, "plcbridge"), b, lease_timing(1000ms), lb, log) {
            ka.start();
            kb.start();
        }
        static DatabaseUrl url_named(const std::string& url, const std::string& name) {
            auto parsed = parse_database_url(url).value();
            parsed.application_name = name;
            return parsed;
        }
        testing::MemoryLogger log;
        Leadership la = Leadership::leased();
        Leadership lb = Leadership::leased();
        LeaseKeeper ka;
        LeaseKeeper kb;
    };

    std::string url;
    std::unique_ptr<SqlRepository> repo;
    InstanceIdentity a;
    InstanceIdentity b;
};

TEST_F(LineLeaseTest, OneHolderAtATimeAndEveryTakeBumpsTheEpoch) {
    auto c = connect();
    auto first = take_lease(*c, a, 60s);
    ASSERT_TRUE(first.ok()) << first.error().message();
    ASSERT_TRUE(first->has_value());
    EXPECT_EQ(**first, 1);
    auto refused = take_lease(*c, b, 60s);
    ASSERT_TRUE(refused.ok());
    EXPECT_FALSE(refused->has_value()) << "a valid lease belongs to its holder";
    auto again = take_lease(*c, a, 60s);
    ASSERT_TRUE(again.ok() && again->has_value());
    EXPECT_EQ(**again, 2) << "the holder restarted takes it back at once, with a new epoch";
    EXPECT_FALSE(renew_lease(*c, a, 1, 60s).value()) << "the old epoch cannot renew";
    EXPECT_TRUE(renew_lease(*c, a, 2, 60s).value());
    EXPECT_FALSE(renew_lease(*c, b, 2, 60s).value()) << "nor another instance";
}

TEST_F(LineLeaseTest, AnExpiredLeaseIsTakenAndItsOldHolderCannotRenewIt) {
    auto c = connect();
    ASSERT_EQ(take_lease(*c, a, 200ms).value(), std::optional<std::int64_t>(1));
    std::this_thread::sleep_for(300ms);
    auto taken = take_lease(*c, b, 60s);
    ASSERT_TRUE(taken.ok());
    ASSERT_EQ(*taken, std::optional<std::int64_t>(2));
    EXPECT_FALSE(renew_lease(*c, a, 1, 60s).value());
    auto seen = read_leadership(*c, 1, 60s);
    ASSERT_TRUE(seen.ok()) << seen.error().message();
    ASSERT_TRUE(seen->leader.has_value());
    EXPECT_EQ(seen->leader->instance, b.name);
    EXPECT_EQ(seen->leader->epoch, 2);
    EXPECT_GT(seen->leader->lease_until, seen->read_at);
}

TEST_F(LineLeaseTest, AReleasedLeaseIsFreeAtOnce) {
    auto c = connect();
    ASSERT_EQ(take_lease(*c, a, 60s).value(), std::optional<std::int64_t>(1));
    ASSERT_TRUE(release_lease(*c, a, 1).ok());
    EXPECT_EQ(take_lease(*c, b, 60s).value(), std::optional<std::int64_t>(2));
}

TEST_F(LineLeaseTest, WritesOfAFencedInstanceAreRefusedItsReadsAndTheDeploymentsWritesAreNot) {
    auto c = connect();
    Leadership mine = Leadership::leased();
    repo->fence_writes(mine);
    auto standby = repo->insert_batch(batch(1, "WH/MO/00001"), std::chrono::system_clock::now());
    ASSERT_FALSE(standby.ok()) << "a standby writes nothing";
    EXPECT_EQ(standby.error().code, Errc::fenced);
    EXPECT_NE(standby.error().detail.find("does not hold the line's lease"), std::string::npos);

    const auto epoch = take_lease(*c, a, 60s).value().value();
    mine.lead(epoch, Leadership::Clock::now() + 60s);
    ASSERT_TRUE(repo->insert_batch(batch(1, "WH/MO/00001"), std::chrono::system_clock::now()).ok());

    // Another instance takes over (the lease ended while this one was paused, say): this one's
    // local lease has not noticed yet, but the database refuses its epoch.
    ASSERT_TRUE(release_lease(*c, a, epoch).ok());
    ASSERT_TRUE(take_lease(*c, b, 60s).value().has_value());
    auto late = repo->insert_batch(batch(2, "WH/MO/00002"), std::chrono::system_clock::now());
    ASSERT_FALSE(late.ok());
    EXPECT_EQ(late.error().code, Errc::fenced);
    EXPECT_NE(late.error().detail.find("held by " + b.name), std::string::npos) << late.error().detail;
    EXPECT_FALSE(repo->health().writes_failing) << "a fenced write is not a database outage";

    auto batches = repo->active_batches();
    ASSERT_TRUE(batches.ok()) << "reads go on: the standby's API answers";
    EXPECT_EQ(batches->size(), 1U) << "the fenced write left nothing";
    AuditEntry entry;
    entry.at = std::chrono::system_clock::now();
    entry.actor = "cli:root";
    entry.action = "user add";
    entry.outcome = "ok";
    EXPECT_TRUE(repo->append_audit(entry).ok()) << "accounts and audit belong to the deployment";
}

TEST_F(LineLeaseTest, TwoKeepersOneLeadsAndTheStandbyTakesOverWhenTheLeaderStops) {
    TwoKeepers pair(url, a, b, "plcbridge");
    auto& [log, la, lb, ka, kb] = pair;
    EXPECT_TRUE(la.leading()) << "the first finds the line free and leads from its start";
    EXPECT_FALSE(lb.leading());
    ASSERT_TRUE(testing::wait_until([&] { return kb.view().database.has_value(); }, 5s));
    std::this_thread::sleep_for(1500ms);  // longer than a lease: the leader keeps renewing
    EXPECT_TRUE(la.leading());
    EXPECT_FALSE(lb.leading());
    const auto view = kb.view();
    ASSERT_TRUE(view.database && view.database->leader);
    EXPECT_EQ(view.database->leader->instance, a.name);
    EXPECT_EQ(view.database->instances.size(), 2U) << "both instances are seen";

    const auto stopped = std::chrono::steady_clock::now();
    ka.stop();
    EXPECT_FALSE(la.leading());
    ASSERT_TRUE(testing::wait_until([&] { return lb.leading(); }, 3s));
    EXPECT_LT(std::chrono::steady_clock::now() - stopped, 1000ms) << "a released lease is taken at the next poll";
    EXPECT_EQ(lb.epoch(), 2);
    kb.stop();
}

TEST_F(LineLeaseTest, ALeaderWhoseSessionIsTerminatedStepsDownAndTheStandbyTakesTheLine) {
    TwoKeepers pair(url, a, b, "plcbridge lease test a");
    auto& [log, la, lb, ka, kb] = pair;
    ASSERT_TRUE(la.leading());
    auto c = connect();
    ASSERT_TRUE(c->query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                         "WHERE application_name = 'plcbridge lease test a'")
                    .ok());
    ASSERT_TRUE(testing::wait_until([&] { return !la.leading(); }, 2s)) << "the leader steps down";
    ASSERT_TRUE(testing::wait_until([&] { return lb.leading(); }, 3s)) << "and the standby takes the line";
    std::this_thread::sleep_for(500ms);
    EXPECT_FALSE(la.leading()) << "the old leader does not take it back while the other holds it";
    bool said = false;
    for (const auto& line : log.lines())
        said = said || line.find("lost the database session that holds the line's lease") != std::string::npos;
    EXPECT_TRUE(said);
}

}  // namespace
}  // namespace plcbridge::store
