#include "plcbridge/service/health.hpp"

#include <gtest/gtest.h>

namespace plcbridge::service {
namespace {

using namespace std::chrono_literals;

const WallClock::time_point kNow = WallClock::time_point(std::chrono::seconds(1'795'000'000));

HealthReport healthy() {
    HealthReport h;
    h.at = kNow;
    h.plc.link.answered(kNow - 1s);
    h.odoo.answered(kNow - 10s);
    h.database.checked_at = kNow - 1s;
    return h;
}

TEST(Health, AllAnsweringIsOkWithoutWarnings) {
    const HealthReport h = healthy();
    EXPECT_FALSE(degraded(h, 15s));
    EXPECT_TRUE(health_warnings(h, 15s).empty());
}

store::LeadershipView standby_view(std::optional<store::LeaseHolder> leader) {
    store::LeadershipView v;
    v.me = {"pc-b api 0.0.0.0:8000 node 12", 1, 12, "0.0.0.0:8000"};
    store::LineLeadership db;
    db.read_at = kNow;
    db.leader = std::move(leader);
    db.instances.push_back({v.me.name, 12, v.me.api, kNow - 1h, kNow - 1s});
    v.database = db;
    return v;
}

TEST(Health, AStandbyIsOkWhileAnotherInstanceHoldsAValidLease) {
    HealthReport h = healthy();
    h.leadership = standby_view(store::LeaseHolder{"pc-a api 0.0.0.0:8000 node 11", 4, kNow - 1h, kNow + 5s});
    EXPECT_TRUE(line_has_leader(h));
    EXPECT_FALSE(degraded(h, 15s));
    EXPECT_TRUE(health_warnings(h, 15s).empty());
}

TEST(Health, ALineNobodyDrivesDegradesAndSaysSo) {
    HealthReport h = healthy();
    h.leadership = standby_view(store::LeaseHolder{"pc-a api 0.0.0.0:8000 node 11", 4, kNow - 1h, kNow - 1s});
    EXPECT_FALSE(line_has_leader(h)) << "the only lease has expired";
    EXPECT_TRUE(degraded(h, 15s));
    const auto warnings = health_warnings(h, 15s);
    ASSERT_EQ(warnings.size(), 1U);
    EXPECT_NE(warnings[0].find("no instance holds the line's lease"), std::string::npos) << warnings[0];
    h.leadership = standby_view(std::nullopt);
    EXPECT_FALSE(line_has_leader(h)) << "no lease was ever taken";
}

TEST(Health, TwoInstancesOnOneFinsNodeAreAWarning) {
    HealthReport h = healthy();
    h.leadership = standby_view(store::LeaseHolder{"pc-a api 0.0.0.0:8000 node 12", 4, kNow - 1h, kNow + 5s});
    h.leadership->database->instances.push_back({"pc-a api 0.0.0.0:8000 node 12", 12, "0.0.0.0:8000", kNow, kNow});
    const auto warnings = health_warnings(h, 15s);
    ASSERT_EQ(warnings.size(), 1U);
    EXPECT_NE(warnings[0].find("uses FINS client node 12 too"), std::string::npos) << warnings[0];
}

TEST(Health, NothingContactedYetIsUnknownNotDegraded) {
    HealthReport h;
    h.at = kNow;
    EXPECT_EQ(plc_state(h), DependencyState::unknown);
    EXPECT_EQ(odoo_state(h), DependencyState::unknown);
    EXPECT_EQ(database_state(h, 15s), DependencyState::unknown);
    EXPECT_FALSE(degraded(h, 15s));
}

TEST(Health, APlcThatStoppedAnsweringDegradesAndSaysWhatIsHeldBack) {
    HealthReport h = healthy();
    h.plc.link.failed(kNow, "FINS read D6000: no reply within 2000 ms");
    h.plc.link.failed(kNow, "FINS read D6000: no reply within 2000 ms");
    EXPECT_EQ(plc_state(h), DependencyState::down);
    EXPECT_TRUE(degraded(h, 15s));
    const auto w = health_warnings(h, 15s);
    ASSERT_EQ(w.size(), 1U);
    EXPECT_EQ(w[0],
              "PLC not answering for 2 read cycle(s): FINS read D6000: no reply within 2000 ms; no batch is updated or "
              "cancelled until it answers");
    h.plc.link.answered(kNow);
    EXPECT_FALSE(degraded(h, 15s));
}

TEST(Health, ADatabaseThreadThatStopsAnsweringCountsAsDown) {
    HealthReport h = healthy();
    h.database.checked_at = kNow - 16s;
    EXPECT_EQ(database_state(h, 15s), DependencyState::down);
    EXPECT_TRUE(degraded(h, 15s));
    h.database.checked_at = kNow;
    h.database.connected = false;
    h.database.last_error = "connection refused";
    EXPECT_EQ(health_warnings(h, 15s).at(0), "database unavailable: connection refused");
}

TEST(Health, FailingWritesAreDownEvenWhileTheDatabaseAnswersReads) {
    HealthReport h = healthy();
    h.database.writes_failing = true;
    h.database.last_write_error = "sqlite:/var/lib/plcbridge/plcbridge.db: disk I/O error [COMMIT]";
    EXPECT_EQ(database_state(h, 15s), DependencyState::down);
    EXPECT_TRUE(degraded(h, 15s));
    const auto w = health_warnings(h, 15s);
    ASSERT_EQ(w.size(), 1U);
    EXPECT_TRUE(w[0].starts_with(
        "database writes fail: sqlite:/var/lib/plcbridge/plcbridge.db: disk I/O error [COMMIT]; nothing is stored"))
        << w[0];
    h.database.writes_failing = false;
    EXPECT_FALSE(degraded(h, 15s));
}

TEST(Health, RefusedCancelsAreAWarningForTheOperatorNotADegradation) {
    HealthReport h = healthy();
    h.jobs.refused = 2;
    EXPECT_FALSE(degraded(h, 15s));
    ASSERT_EQ(health_warnings(h, 15s).size(), 1U);
    EXPECT_NE(health_warnings(h, 15s)[0].find("2 cancel(s) refused by Odoo"), std::string::npos);
}

TEST(Health, OdooDownDegrades) {
    HealthReport h = healthy();
    h.odoo.failed(kNow, "connect: connection refused");
    EXPECT_EQ(odoo_state(h), DependencyState::down);
    EXPECT_TRUE(degraded(h, 15s));
}

}  // namespace
}  // namespace plcbridge::service
