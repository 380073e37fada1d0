#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "plcbridge/app/file_logger.hpp"

namespace plcbridge::app {
namespace {

namespace fs = std::filesystem;

std::string read(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

TEST(FileLogger, WritesOneLinePerEventInTheInterfaceFormat) {
    const std::string dir = ::testing::TempDir() + "/plcbridge_log_format";
    fs::remove_all(dir);
    auto logger = FileLogger::open({dir + "/logs/app.log", LogLevel::info, 1 << 20, 3, false});
    ASSERT_TRUE(logger.ok()) << logger.error().message();
    (*logger)->log(LogLevel::warning,
                   "⚠️ BATCH FAILURE DETECTED: status_operation=1 for batch #3 (MO: WH/MO/00123). "
                   "Initiating auto-cancel...");
    (*logger)->log(LogLevel::debug, "below the level: not written");
    (*logger)->log(LogLevel::error, "✗ Failed to cancel MO WH/MO/00123 in Odoo: x");
    const std::string text = read(dir + "/logs/app.log");
    const std::regex line(R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z \[(WARNING|ERROR)\] .+$)");
    std::stringstream lines(text);
    int count = 0;
    for (std::string l; std::getline(lines, l); ++count)
        EXPECT_TRUE(std::regex_match(l, line)) << l;
    EXPECT_EQ(count, 2);
    EXPECT_NE(text.find("[WARNING] ⚠️ BATCH FAILURE DETECTED"), std::string::npos) << "grep finds it";
}

TEST(FileLogger, RotatesBySize) {
    const std::string dir = ::testing::TempDir() + "/plcbridge_log_rotate";
    fs::remove_all(dir);
    auto logger = FileLogger::open({dir + "/app.log", LogLevel::info, 200, 2, false});
    ASSERT_TRUE(logger.ok());
    for (int i = 0; i < 20; ++i)
        (*logger)->log(LogLevel::info, "line " + std::to_string(i) + " of the rotation test");
    EXPECT_TRUE(fs::exists(dir + "/app.log.1"));
    EXPECT_TRUE(fs::exists(dir + "/app.log.2"));
    EXPECT_FALSE(fs::exists(dir + "/app.log.3")) << "keeps at most keep_files old files";
    EXPECT_LE(fs::file_size(dir + "/app.log"), 200U);
    EXPECT_NE(read(dir + "/app.log").find("line 19"), std::string::npos);
}

TEST(FileLogger, TheConfiguredLevelIsHonoured) {
    EXPECT_EQ(logger_options(LogConfig{"x.log", "debug"}).min_level, LogLevel::debug);
    EXPECT_EQ(logger_options(LogConfig{"x.log", "info"}).min_level, LogLevel::info);
    EXPECT_EQ(logger_options(LogConfig{"x.log", "warning"}).min_level, LogLevel::warning);
    EXPECT_EQ(logger_options(LogConfig{"x.log", "error"}).min_level, LogLevel::error);
    EXPECT_EQ(logger_options(LogConfig{"logs/app.log", "info"}).path, "logs/app.log");
}

TEST(FileLogger, AnUnwritablePathIsAnErrorNamingIt) {
    auto logger = FileLogger::open({"/proc/plcbridge/app.log", LogLevel::info, 1 << 20, 3, false});
    ASSERT_FALSE(logger.ok());
    EXPECT_NE(logger.error().detail.find("[log] file /proc/plcbridge/app.log"), std::string::npos);
}

}  // namespace
}  // namespace plcbridge::app
