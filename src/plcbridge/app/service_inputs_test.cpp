#include "plcbridge/app/service_inputs.hpp"

#include <gtest/gtest.h>

#include "plcbridge/app/test_env.hpp"
#include "plcbridge/store/lease_keeper.hpp"

namespace plcbridge::app {
namespace {

Config config_of(const std::string& toml, std::map<std::string, std::string> env = {}) {
    auto parsed = parse_config(toml, "plant.toml", env_of(std::move(env)));
    EXPECT_TRUE(parsed.ok()) << parsed.error().message();
    return parsed.ok() ? *parsed : Config{};
}

constexpr const char* kShared = "[database]\nurl = \"postgresql://plcbridge@db-host/plcbridge\"\n";

TEST(InstanceIdentity, OneFileTwoNodesAreTwoInstancesAndARestartIsTheSameOne) {
    const Config a = config_of(kShared, {{"PLCBRIDGE_PLC_CLIENT_NODE", "11"}});
    const Config b = config_of(kShared, {{"PLCBRIDGE_PLC_CLIENT_NODE", "12"}});
    const auto me = instance_identity(a, "pc-a");
    EXPECT_EQ(me.name, "pc-a api 127.0.0.1:8000 node 11");
    EXPECT_EQ(me.fins_node, 11);
    EXPECT_EQ(me.line, 1);
    EXPECT_NE(instance_identity(b, "pc-a").name, me.name) << "the FINS node tells them apart";
    EXPECT_NE(instance_identity(a, "pc-b").name, me.name) << "so does the host";
    EXPECT_EQ(instance_identity(a, "pc-a").name, me.name) << "a restart is recognised as itself";
}

TEST(ServiceInputs, PostgresqlAlwaysNamesTheInstanceSqliteNeverDoes) {
    auto shared = load_service_inputs(config_of(kShared));
    ASSERT_TRUE(shared.ok()) << shared.error().message();
    ASSERT_TRUE(shared->instance.has_value()) << "leadership is always on with PostgreSQL";
    EXPECT_EQ(shared->takeover, std::chrono::milliseconds(10000));
    EXPECT_TRUE(shared->db_url.application_name.starts_with("plcbridge ")) << shared->db_url.application_name;
    EXPECT_LE(shared->db_url.application_name.size(), 63U);
    EXPECT_EQ(shared->db_url.idle_in_transaction_timeout, store::lease_timing(shared->takeover).lease / 2)
        << "a leader cut off mid-transaction releases the lease row well within its lease";

    auto alone = load_service_inputs(config_of("[database]\nurl = \"sqlite:/tmp/x.db\"\n"));
    ASSERT_TRUE(alone.ok());
    EXPECT_FALSE(alone->instance.has_value());
}

TEST(ServiceInputs, FailoverOnSqliteIsASettingToChange) {
    auto refused =
        load_service_inputs(config_of("[database]\nurl = \"sqlite:/tmp/x.db\"\n[failover]\ntakeover_ms = 5000\n"));
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.error().detail.find("[failover] takeover_ms: failover needs PostgreSQL"), std::string::npos)
        << refused.error().detail;
    auto tuned = load_service_inputs(config_of(std::string(kShared) + "[failover]\ntakeover_ms = 4000\n"));
    ASSERT_TRUE(tuned.ok());
    EXPECT_EQ(tuned->takeover, std::chrono::milliseconds(4000));
}

}  // namespace
}  // namespace plcbridge::app
