#include <gtest/gtest.h>

#include <map>
#include <set>

#include "plcbridge/app/config.hpp"
#include "plcbridge/app/test_env.hpp"
#include "plcbridge/service/task_registry.hpp"

namespace plcbridge::app {
namespace {

TEST(Config, EmptyFileGivesTheDocumentedDefaults) {
    auto config = parse_config("", "test.toml", env_of({}));
    ASSERT_TRUE(config.ok());
    EXPECT_EQ(config->plc.port, 9600);
    EXPECT_EQ(config->plc.transport, "udp");
    EXPECT_EQ(config->plc.timeout_ms, 2000);
    EXPECT_EQ(service::period_of(config->tasks.schedule, "plc_read"), std::chrono::milliseconds(5000));
    EXPECT_EQ(config->tasks.schedule.stuck_after, std::chrono::seconds(900));
    EXPECT_EQ(config->tasks.schedule.log_retention, std::chrono::hours(24 * 30));
    EXPECT_EQ(config->memory_map.slots, 10);
    EXPECT_TRUE(config->auto_cancel.enabled);
    EXPECT_EQ(config->database.url, "sqlite:plcbridge.db");
    EXPECT_EQ(config->log.file, "logs/app.log");
}

TEST(Config, FileValuesAreApplied) {
    auto config = parse_config(R"(
[plc]
host = "10.0.0.5"
port = 9601
transport = "tcp"
client_node = 0
[odoo]
mark_done = false
)",
                               "test.toml", env_of({}));
    ASSERT_TRUE(config.ok()) << config.error().message();
    const plc::ClientOptions options = to_client_options(config->plc);
    EXPECT_EQ(options.host, "10.0.0.5");
    EXPECT_EQ(options.port, 9601);
    EXPECT_EQ(options.transport, plc::TransportKind::tcp);
    EXPECT_EQ(options.client_node, 0);
    EXPECT_FALSE(config->odoo.mark_done);
}

TEST(Config, UnknownKeyIsAnErrorNamingFileLineAndKey) {
    auto config = parse_config("[plc]\nhost = \"x\"\nprot = 9600\n", "plant.toml", env_of({}));
    ASSERT_FALSE(config.ok());
    EXPECT_EQ(config.error().code, ConfigErrc::unknown_key);
    EXPECT_NE(config.error().detail.find("plant.toml line 3"), std::string::npos) << config.error().detail;
    EXPECT_NE(config.error().detail.find("plc.prot"), std::string::npos);
}

TEST(Config, UnknownSectionIsAnError) {
    auto config = parse_config("[plcc]\nhost = \"x\"\n", "plant.toml", env_of({}));
    ASSERT_FALSE(config.ok());
    EXPECT_EQ(config.error().code, ConfigErrc::unknown_key);
    EXPECT_NE(config.error().detail.find("[plcc]"), std::string::npos);
}

TEST(Config, WrongTypesAndOutOfRangeValuesAreErrors) {
    auto wrong_type = parse_config("[plc]\nport = \"9600\"\n", "t.toml", env_of({}));
    ASSERT_FALSE(wrong_type.ok());
    EXPECT_EQ(wrong_type.error().code, ConfigErrc::wrong_type);
    EXPECT_NE(wrong_type.error().detail.find("plc.port must be an integer"), std::string::npos);

    auto range = parse_config("[plc]\nport = 70000\n", "t.toml", env_of({}));
    ASSERT_FALSE(range.ok());
    EXPECT_EQ(range.error().code, ConfigErrc::invalid_value);
    EXPECT_NE(range.error().detail.find("1..65535"), std::string::npos);

    auto word = parse_config("[plc]\ntransport = \"serial\"\n", "t.toml", env_of({}));
    ASSERT_FALSE(word.ok());
    EXPECT_NE(word.error().detail.find("udp, tcp"), std::string::npos);
}

// The [tasks] periods come from the tasks' declarations: set typed, checked against the declared range.
TEST(Config, TaskPeriodsAreTypedAndCheckedAgainstTheTasksDeclaration) {
    auto set = parse_config(
        "[tasks]\nplc_read_interval_ms = 250\nmo_sync_interval_s = 5\nstuck_after_s = 60\n"
        "log_retention_days = 2\ndisabled = \"mo_sync, log_retention\"\n",
        "t.toml", env_of({{"PLCBRIDGE_TASKS_HEALTH_INTERVAL_S", "7"}}));
    ASSERT_TRUE(set.ok()) << set.error().message();
    const service::TaskSettings& s = set->tasks.schedule;
    EXPECT_EQ(service::period_of(s, "plc_read"), std::chrono::milliseconds(250));
    EXPECT_EQ(service::period_of(s, "mo_sync"), std::chrono::seconds(5));
    EXPECT_EQ(service::period_of(s, "batch_health"), std::chrono::seconds(7)) << "the environment names it too";
    EXPECT_EQ(s.stuck_after, std::chrono::seconds(60));
    EXPECT_EQ(s.log_retention, std::chrono::hours(48));
    EXPECT_EQ(s.disabled, (std::set<std::string, std::less<>>{"log_retention", "mo_sync"}));
    auto array = parse_config("[tasks]\ndisabled = [\"mo_sync\", \"log_retention\"]\n", "t.toml", env_of({}));
    ASSERT_TRUE(array.ok()) << array.error().message();
    EXPECT_EQ(array->tasks.schedule.disabled, s.disabled);

    auto too_fast = parse_config("[tasks]\nplc_read_interval_ms = 10\n", "t.toml", env_of({}));
    ASSERT_FALSE(too_fast.ok());
    EXPECT_EQ(too_fast.error().code, ConfigErrc::invalid_value);
    EXPECT_NE(too_fast.error().detail.find("tasks.plc_read_interval_ms"), std::string::npos) << too_fast.error().detail;
    EXPECT_NE(too_fast.error().detail.find("10 is outside 50..86400000"), std::string::npos) << too_fast.error().detail;
    auto unknown = parse_config("[tasks]\ncancel_worker_interval_ms = 500\n", "t.toml", env_of({}));
    ASSERT_FALSE(unknown.ok()) << "a task without a period key has no key to set";
    EXPECT_EQ(unknown.error().code, ConfigErrc::unknown_key);
}

TEST(Config, SyntaxErrorsNameTheLine) {
    auto config = parse_config("[plc\nhost=1\n", "t.toml", env_of({}));
    ASSERT_FALSE(config.ok());
    EXPECT_EQ(config.error().code, ConfigErrc::syntax);
    EXPECT_NE(config.error().detail.find("line 1"), std::string::npos);
}

TEST(Config, EnvironmentOverridesTheFile) {
    auto config = parse_config("[odoo]\npassword = \"file\"\n[plc]\nport = 9601\n", "t.toml",
                               env_of({{"PLCBRIDGE_ODOO_PASSWORD", "secret"},
                                       {"PLCBRIDGE_PLC_PORT", "9700"},
                                       {"PLCBRIDGE_AUTO_CANCEL_ENABLED", "false"}}));
    ASSERT_TRUE(config.ok()) << config.error().message();
    EXPECT_EQ(config->odoo.password, "secret");
    EXPECT_EQ(config->plc.port, 9700);
    EXPECT_FALSE(config->auto_cancel.enabled);
}

TEST(Config, BadEnvironmentValueNamesTheVariable) {
    auto config = parse_config("", "t.toml", env_of({{"PLCBRIDGE_PLC_PORT", "ninety"}}));
    ASSERT_FALSE(config.ok());
    EXPECT_NE(config.error().detail.find("PLCBRIDGE_PLC_PORT"), std::string::npos);
}

TEST(Config, MissingFileIsAClearError) {
    auto config = load_config("/nonexistent/plcbridge.toml", env_of({}));
    ASSERT_FALSE(config.ok());
    EXPECT_EQ(config.error().code, ConfigErrc::unreadable);
    EXPECT_NE(config.error().detail.find("/nonexistent/plcbridge.toml"), std::string::npos);
}

TEST(Config, TheShippedExampleLoadsAndEqualsTheDefaults) {
    auto example = load_config(std::string(PLCBRIDGE_SOURCE_DIR) + "/config/plcbridge.example.toml",
                               [](std::string_view) { return std::optional<std::string>{}; });
    ASSERT_TRUE(example.ok()) << example.error().message();
    auto defaults = parse_config("", "(defaults)", [](std::string_view) { return std::optional<std::string>{}; });
    ASSERT_TRUE(defaults.ok());
    EXPECT_EQ(example->plc.port, defaults->plc.port);
    for (const auto name : service::service_task_names())
        EXPECT_EQ(service::period_of(example->tasks.schedule, name), service::period_of(defaults->tasks.schedule, name))
            << name;
    EXPECT_EQ(example->api.listen, defaults->api.listen);
    EXPECT_EQ(example->log.level, defaults->log.level);
}

TEST(Config, EquipmentAliasesArePairsAndAMalformedOneIsNamed) {
    const EnvLookup no_env = [](std::string_view) { return std::optional<std::string>(); };
    auto ok = parse_config("[memory_map]\nequipment_aliases = \"Silo A=silo101, TETES = lq114\"\n", "t.toml", no_env);
    ASSERT_TRUE(ok.ok()) << ok.error().message();
    ASSERT_EQ(ok->memory_map.equipment_aliases.size(), 2U);
    EXPECT_EQ(ok->memory_map.equipment_aliases[1], (std::pair<std::string, std::string>{"TETES", "lq114"}));
    auto array =
        parse_config("[memory_map]\nequipment_aliases = [\"Silo A=silo101\", \"TETES = lq114\"]\n", "t.toml", no_env);
    ASSERT_TRUE(array.ok()) << array.error().message();
    EXPECT_EQ(array->memory_map.equipment_aliases, ok->memory_map.equipment_aliases) << "a TOML array, the same list";
    auto not_strings = parse_config("[memory_map]\nequipment_aliases = [1, 2]\n", "t.toml", no_env);
    ASSERT_FALSE(not_strings.ok());
    EXPECT_NE(not_strings.error().detail.find("must be a list of strings"), std::string::npos)
        << not_strings.error().detail;
    auto bad = parse_config("[memory_map]\nequipment_aliases = \"siloa\"\n", "t.toml", no_env);
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.error().message().find("\"siloa\" is not alias=equipment_code"), std::string::npos)
        << bad.error().message();
}

TEST(Config, AWhitespaceTokenIsRefusedLikeAMissingOne) {
    for (const char* token : {"   ", "\t", " secret", "secret "}) {
        auto parsed = parse_config(std::string("[api]\ntoken = \"") + token + "\"\n", "t.toml", env_of({}));
        ASSERT_FALSE(parsed.ok()) << "'" << token << "'";
        EXPECT_EQ(parsed.error().code, ConfigErrc::invalid_value);
        EXPECT_NE(parsed.error().message().find("t.toml line 2: api.token"), std::string::npos)
            << parsed.error().message();
    }
    auto from_env = parse_config("", "t.toml", env_of({{"PLCBRIDGE_API_TOKEN", "  "}}));
    ASSERT_FALSE(from_env.ok());
    EXPECT_NE(from_env.error().message().find("PLCBRIDGE_API_TOKEN"), std::string::npos);
    EXPECT_TRUE(parse_config("[api]\ntoken = \"s3cr et\"\n", "t.toml", env_of({})).ok());
}

TEST(Config, AnOdooUrlWithCredentialsIsRefusedWithoutRepeatingThem) {
    for (const char* url :
         {"http://admin:hunter2@odoo:8069", "https://admin:hunter2@odoo", "admin:hunter2@odoo:8069"}) {
        auto parsed = parse_config(std::string("[odoo]\nurl = \"") + url + "\"\n", "t.toml", env_of({}));
        ASSERT_FALSE(parsed.ok()) << url;
        EXPECT_NE(parsed.error().message().find("[odoo] login"), std::string::npos) << parsed.error().message();
        EXPECT_EQ(parsed.error().message().find("hunter2"), std::string::npos) << parsed.error().message();
    }
    // An @ in the path is not user-info.
    EXPECT_TRUE(parse_config("[odoo]\nurl = \"http://odoo:8069/a@b\"\n", "t.toml", env_of({})).ok());
}

}  // namespace
}  // namespace plcbridge::app
