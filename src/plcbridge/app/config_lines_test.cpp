// [lines.N]: several production lines in one configuration (docs/LINES.md).
#include <gtest/gtest.h>

#include "plcbridge/app/config.hpp"
#include "plcbridge/app/test_env.hpp"
#include "plcbridge/service/task_registry.hpp"

namespace plcbridge::app {
namespace {

TEST(ConfigLines, WithoutLinesTheTopLevelSectionsAreLineOne) {
    auto config = parse_config("[plc]\nhost = \"10.0.0.5\"\n[memory_map]\nslots = 8\n", "test.toml", env_of({}));
    ASSERT_TRUE(config.ok()) << config.error().message();
    ASSERT_EQ(config->lines.size(), 1U);
    const LineConfig& line = config->lines.front();
    EXPECT_EQ(line.id, 1);
    EXPECT_EQ(line.name, "line 1");
    EXPECT_TRUE(line.mo_equipment.empty()) << "one line queues every confirmed MO, as before";
    EXPECT_EQ(line.plc.host, "10.0.0.5");
    EXPECT_EQ(line.memory_map.slots, 8);
}

constexpr const char* kTwoLines = R"(
[plc]
host = "10.0.0.11"
client_node = 21
[tasks]
plc_read_interval_ms = 2000
[lines.1]
name = "Mixer 1"
mo_equipment = ["PLC01"]
[lines.2]
mo_equipment = ["PLC02", "MIXER2"]
[lines.2.plc]
host = "10.0.0.12"
[lines.2.memory_map]
slots = 6
[lines.2.tasks]
plc_read_interval_ms = 1000
disabled = ["equipment_failures"]
[lines.2.auto_cancel]
confirm_reads = 2
)";

TEST(ConfigLines, EachLineInheritsTheTopLevelAndSetsItsOwn) {
    auto config = parse_config(kTwoLines, "test.toml", env_of({}));
    ASSERT_TRUE(config.ok()) << config.error().message();
    ASSERT_EQ(config->lines.size(), 2U);
    const LineConfig& one = config->lines[0];
    const LineConfig& two = config->lines[1];
    EXPECT_EQ(one.id, 1);
    EXPECT_EQ(one.name, "Mixer 1");
    EXPECT_EQ(one.plc.host, "10.0.0.11");
    EXPECT_EQ(service::period_of(one.tasks.schedule, "plc_read"), std::chrono::milliseconds(2000));
    EXPECT_EQ(one.memory_map.slots, 10);
    EXPECT_EQ(two.id, 2);
    EXPECT_EQ(two.name, "line 2");
    EXPECT_EQ(two.mo_equipment, (std::vector<std::string>{"PLC02", "MIXER2"}));
    EXPECT_EQ(two.plc.host, "10.0.0.12");
    EXPECT_EQ(two.plc.client_node, 21) << "a key the line does not set is the top-level one";
    EXPECT_EQ(two.memory_map.slots, 6);
    EXPECT_EQ(service::period_of(two.tasks.schedule, "plc_read"), std::chrono::milliseconds(1000));
    EXPECT_TRUE(two.tasks.schedule.disabled.contains("equipment_failures"));
    EXPECT_FALSE(one.tasks.schedule.disabled.contains("equipment_failures"));
    EXPECT_EQ(two.auto_cancel.confirm_reads, 2);
    EXPECT_EQ(one.auto_cancel.confirm_reads, 1);
}

TEST(ConfigLines, TheEnvironmentSetsTheTopLevelWhichLinesInherit) {
    auto config = parse_config(kTwoLines, "test.toml", env_of({{"PLCBRIDGE_PLC_TIMEOUT_MS", "700"}}));
    ASSERT_TRUE(config.ok()) << config.error().message();
    EXPECT_EQ(config->lines[0].plc.timeout_ms, 700);
    EXPECT_EQ(config->lines[1].plc.timeout_ms, 700);
}

void expect_refused(const std::string& toml, const std::string& says) {
    auto config = parse_config(toml, "plant.toml", env_of({}));
    ASSERT_FALSE(config.ok()) << toml;
    EXPECT_NE(config.error().detail.find(says), std::string::npos) << config.error().detail;
}

TEST(ConfigLines, WhatWouldSendAnMoToTheWrongPlcIsRefused) {
    expect_refused("[lines.1]\nmo_equipment = [\"PLC01\"]\n[lines.2]\n[lines.2.plc]\nhost = \"10.0.0.2\"\n",
                   "[lines.2] mo_equipment is not set");
    expect_refused(
        "[lines.1]\nmo_equipment = [\"PLC01\"]\n[lines.2]\nmo_equipment = [\"PLC01\"]\n"
        "[lines.2.plc]\nhost = \"10.0.0.2\"\n",
        "MO equipment \"PLC01\" is in [lines.1] and [lines.2]");
    expect_refused("[lines.1]\nmo_equipment = [\"PLC01\"]\n[lines.2]\nmo_equipment = [\"PLC02\"]\n",
                   "[lines.1] and [lines.2] both talk to the PLC at 127.0.0.1:9600 node 1");
}

TEST(ConfigLines, MistakesInALineSectionNameTheLineAndTheKey) {
    expect_refused("[lines.x]\n", "[lines.x]: a line is a section named by its number");
    expect_refused("[lines.0]\n", "1..999");
    expect_refused("[lines]\n", "[lines] has no line");
    expect_refused("[lines.1]\n[lines.1.odoo]\nurl = \"http://x\"\n", "[lines.1] odoo is not a line's setting");
    expect_refused("[lines.1]\ncolour = \"red\"\n", "[lines.1] colour is not a line's setting");
    expect_refused("[lines.2]\n[lines.2.plc]\nprot = 1\n",
                   "plant.toml line 3: [lines.2.plc] prot is not a configuration key");
    expect_refused("[lines.2]\n[lines.2.plc]\nport = \"x\"\n", "[lines.2.plc] port must be an integer");
    expect_refused("[lines.2]\n[lines.2.plc]\nport = 0\n", "[lines.2.plc] port: 0 is outside 1..65535");
}

}  // namespace
}  // namespace plcbridge::app
