#include <gtest/gtest.h>

#include "plcbridge/app/check_verdicts.hpp"

namespace plcbridge::app {
namespace {

TEST(CheckVerdicts, RunAndMonitorPassProgramIsAWarningThatSaysWhatToDo) {
    fins::ControllerStatus s;
    s.mode = 0x04;
    EXPECT_EQ(plc_mode_verdict("CJ2M-CPU33", s, "10.0.0.5:9600/udp").state, CheckState::ok);
    s.mode = 0x02;
    EXPECT_EQ(plc_mode_verdict("CJ2M-CPU33", s, "x").state, CheckState::ok);
    s.mode = 0x00;
    const auto program = plc_mode_verdict("CJ2M-CPU33", s, "10.0.0.5:9600/udp");
    EXPECT_EQ(program.state, CheckState::warning);
    EXPECT_NE(program.detail.find("switch it to RUN"), std::string::npos) << program.detail;
    EXPECT_NE(program.detail.find("CJ2M-CPU33 at 10.0.0.5:9600/udp"), std::string::npos);
}

TEST(CheckVerdicts, TheModuleVersionIsComparedPartByPart) {
    EXPECT_EQ(parse_module_version("14.0.7.2.1"), (std::vector<int>{14, 0, 7, 2, 1}));
    EXPECT_FALSE(parse_module_version("14.0."));
    EXPECT_FALSE(parse_module_version("v14"));
    EXPECT_FALSE(parse_module_version(""));
    EXPECT_EQ(grt_scada_verdict("14.0.7.2.1", "o").state, CheckState::ok);
    EXPECT_EQ(grt_scada_verdict("14.0.5.0.48", "o").state, CheckState::ok) << "the minimum itself";
    EXPECT_EQ(grt_scada_verdict("14.0.5.0.100", "o").state, CheckState::ok) << "numbers, not text";
    const auto old = grt_scada_verdict("14.0.5.0.9", "o");
    EXPECT_EQ(old.state, CheckState::failed);
    EXPECT_NE(old.detail.find("older than 14.0.5.0.48"), std::string::npos);
    EXPECT_EQ(grt_scada_verdict("unknown", "o").state, CheckState::failed);
}

TEST(CheckVerdicts, OnlyAFailureMakesTheExitCodeNonZero) {
    EXPECT_EQ(check_exit_code({{"a", CheckState::ok, ""}, {"b", CheckState::warning, ""}}), 0);
    EXPECT_EQ(check_exit_code({{"a", CheckState::ok, ""}, {"b", CheckState::failed, ""}}), 1);
    EXPECT_EQ(format_check_line({"plc", CheckState::failed, "x"}), "FAIL  plc       x");
}

}  // namespace
}  // namespace plcbridge::app
