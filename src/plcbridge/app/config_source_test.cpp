#include <gtest/gtest.h>

#include "plcbridge/app/config_source.hpp"

namespace plcbridge::app {
namespace {

TEST(ConfigSource, ADatabaseCommandNeedsANamedOrPackagedConfiguration) {
    EXPECT_EQ(choose_config_file("site.toml", true, ConfigUse::touches_database).value(), "site.toml");
    EXPECT_EQ(choose_config_file("", true, ConfigUse::touches_database).value(), packaged_config_path());
    EXPECT_EQ(choose_config_file("", false, ConfigUse::diagnostics).value(), "") << "a PLC read runs on defaults";
    const auto refused = choose_config_file("", false, ConfigUse::touches_database);
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.error().detail.find("pass --config FILE"), std::string::npos) << refused.error().detail;
    EXPECT_NE(refused.error().detail.find(packaged_config_path()), std::string::npos);
    EXPECT_EQ(refused.error().code, ConfigErrc::unreadable);
}

TEST(ConfigSource, ATypoInAVariableNameIsAnErrorNamingItAndTheNearestKey) {
    const auto typo = check_variable_names({"HOME", "PLCBRIDGE_ODOO_PASWORD"});
    ASSERT_FALSE(typo.ok());
    EXPECT_EQ(typo.error().code, ConfigErrc::unknown_key);
    EXPECT_NE(typo.error().detail.find("PLCBRIDGE_ODOO_PASWORD is not a configuration key (nearest: "
                                       "PLCBRIDGE_ODOO_PASSWORD)"),
              std::string::npos)
        << typo.error().detail;
    const auto section = check_variable_names({"PLCBRIDGE_ODO_URL"});
    ASSERT_FALSE(section.ok());
    EXPECT_NE(section.error().detail.find("nearest: PLCBRIDGE_ODOO_URL"), std::string::npos);
}

TEST(ConfigSource, KnownKeysOtherProgramsAndTheTestHarnessNamespacePass) {
    EXPECT_TRUE(check_variable_names({"PLCBRIDGE_ODOO_PASSWORD", "PLCBRIDGE_API_TOKEN", "PLCBRIDGE_TASKS_DISABLED",
                                      "PATH", "PLCBRIDGE_TEST_PG_URL", "plcbridge_lower"})
                    .ok());
    EXPECT_FALSE(check_variable_names({"PLCBRIDGE_"}).ok()) << "the bare prefix names no key";
}

}  // namespace
}  // namespace plcbridge::app
