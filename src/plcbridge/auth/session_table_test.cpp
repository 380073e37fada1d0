#include "plcbridge/auth/session_table.hpp"

#include <gtest/gtest.h>

namespace plcbridge::auth {
namespace {

using namespace std::chrono_literals;

struct CountingTokens {
    int next = 0;
    std::string operator()() { return "t" + std::to_string(next++); }
};

TEST(SessionTable, OpensFindsAndCloses) {
    SessionTable table{CountingTokens{}};
    const SteadyTime t0{};
    const Session s = table.open("budi", Role::operator_role, t0);
    EXPECT_NE(s.id, s.csrf);
    auto found = table.find(s.id, t0 + 1min);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->username, "budi");
    EXPECT_EQ(found->role, Role::operator_role);
    EXPECT_EQ(found->csrf, s.csrf);
    table.close(s.id);
    EXPECT_FALSE(table.find(s.id, t0 + 2min));
    EXPECT_FALSE(table.find("unknown", t0));
}

TEST(SessionTable, IdleAndMaximumAgeEndASession) {
    SessionTable table{CountingTokens{}};
    const SteadyTime t0{};
    const Session idle = table.open("a", Role::viewer, t0);
    EXPECT_FALSE(table.find(idle.id, t0 + SessionTable::kIdleTimeout + 1s));

    const Session busy = table.open("b", Role::viewer, t0);
    // Used every hour: never idle, but still ends at the maximum age.
    SteadyTime t = t0;
    while (t + 1h < t0 + SessionTable::kMaxAge) {
        t += 1h;
        ASSERT_TRUE(table.find(busy.id, t));
    }
    EXPECT_FALSE(table.find(busy.id, t0 + SessionTable::kMaxAge + 1s));
}

TEST(SessionTable, IsBoundedAndEvictsTheLeastRecentlyUsed) {
    SessionTable table{CountingTokens{}};
    SteadyTime t{};
    const Session first = table.open("first", Role::viewer, t);
    const Session second = table.open("second", Role::viewer, t + 1s);
    ASSERT_TRUE(table.find(first.id, t + 2s));  // first is now the more recent
    for (std::size_t i = 2; i < SessionTable::kMaxSessions; ++i)
        table.open("u" + std::to_string(i), Role::viewer, t + 3s);
    EXPECT_EQ(table.size(), SessionTable::kMaxSessions);
    table.open("one more", Role::viewer, t + 4s);
    EXPECT_EQ(table.size(), SessionTable::kMaxSessions);
    EXPECT_TRUE(table.find(first.id, t + 5s));
    EXPECT_FALSE(table.find(second.id, t + 5s));
}

TEST(SessionTable, ClosesEverySessionOfAnAccount) {
    SessionTable table{CountingTokens{}};
    const SteadyTime t0{};
    const Session a1 = table.open("ani", Role::admin, t0);
    const Session a2 = table.open("ani", Role::admin, t0);
    const Session b = table.open("budi", Role::viewer, t0);
    EXPECT_EQ(table.close_all_of("ani"), 2u);
    EXPECT_FALSE(table.find(a1.id, t0));
    EXPECT_FALSE(table.find(a2.id, t0));
    EXPECT_TRUE(table.find(b.id, t0));
}

TEST(Role, NamesRoundTripAndRank) {
    for (Role r : {Role::viewer, Role::operator_role, Role::admin})
        EXPECT_EQ(parse_role(role_name(r)), r);
    EXPECT_EQ(parse_role("root"), std::nullopt);
    EXPECT_TRUE(role_allows(Role::admin, Role::operator_role));
    EXPECT_TRUE(role_allows(Role::operator_role, Role::operator_role));
    EXPECT_FALSE(role_allows(Role::viewer, Role::operator_role));
    EXPECT_FALSE(role_allows(Role::operator_role, Role::admin));
}

}  // namespace
}  // namespace plcbridge::auth
