#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "plcbridge/app/file_logger.hpp"
#include "plcbridge/app/test_env.hpp"

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
    auto logger = FileLogger::open({dir + "/logs/app.log", LogLevel::info, 1 << 20, 3, ConsoleFormat::none});
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
    auto logger = FileLogger::open({dir + "/app.log", LogLevel::info, 200, 2, ConsoleFormat::none});
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
    const EnvLookup no_env = env_of({});
    EXPECT_EQ(logger_options(LogConfig{"x.log", "debug"}, no_env).min_level, LogLevel::debug);
    EXPECT_EQ(logger_options(LogConfig{"x.log", "info"}, no_env).min_level, LogLevel::info);
    EXPECT_EQ(logger_options(LogConfig{"x.log", "warning"}, no_env).min_level, LogLevel::warning);
    EXPECT_EQ(logger_options(LogConfig{"x.log", "error"}, no_env).min_level, LogLevel::error);
    EXPECT_EQ(logger_options(LogConfig{"logs/app.log", "info"}, no_env).path, "logs/app.log");
}

TEST(FileLogger, AnUnwritablePathIsAnErrorNamingIt) {
    auto logger = FileLogger::open({"/proc/plcbridge/app.log", LogLevel::info, 1 << 20, 3, ConsoleFormat::none});
    ASSERT_FALSE(logger.ok());
    EXPECT_NE(logger.error().detail.find("[log] file /proc/plcbridge/app.log"), std::string::npos);
}

TEST(FileLogger, UnderTheJournalEachLineGoesToStdoutOnceWithItsPriorityAndTheSeedsText) {
    std::ostringstream console;
    FileLoggerOptions options{"", LogLevel::info, 1 << 20, 3, ConsoleFormat::journal, &console};
    auto logger = FileLogger::open(options);
    ASSERT_TRUE(logger.ok()) << logger.error().message();
    (*logger)->log(LogLevel::warning,
                   "⚠️ BATCH FAILURE DETECTED: status_operation=1 for batch #3 (MO: WH/MO/00123). "
                   "Initiating auto-cancel...");
    (*logger)->log(LogLevel::info, "Attempting to cancel MO WH/MO/00123 in Odoo...");
    (*logger)->log(LogLevel::error, "✗ Failed to cancel MO WH/MO/00123 in Odoo: line one\nline two");
    (*logger)->log(LogLevel::debug, "below the level");
    EXPECT_EQ(console.str(),
              "<4>⚠️ BATCH FAILURE DETECTED: status_operation=1 for batch #3 (MO: WH/MO/00123). "
              "Initiating auto-cancel...\n"
              "<6>Attempting to cancel MO WH/MO/00123 in Odoo...\n"
              "<3>✗ Failed to cancel MO WH/MO/00123 in Odoo: line one line two\n");
}

TEST(FileLogger, AnEmptyFileSettingWritesNoFileAndThePlainConsoleKeepsTheFileFormat) {
    const std::string dir = ::testing::TempDir() + "/plcbridge_log_nofile";
    fs::remove_all(dir);
    fs::create_directories(dir);
    const auto before = fs::current_path();
    fs::current_path(dir);
    std::ostringstream console;
    auto logger = FileLogger::open({"", LogLevel::info, 1 << 20, 3, ConsoleFormat::plain, &console});
    ASSERT_TRUE(logger.ok());
    (*logger)->log(LogLevel::info, "only on the console");
    fs::current_path(before);
    EXPECT_TRUE(fs::is_empty(dir)) << "no file, no logs/ folder";
    EXPECT_TRUE(std::regex_match(console.str(), std::regex(R"(^\S+Z \[INFO\] only on the console\n$)")))
        << console.str();
}

TEST(FileLogger, ReopenFollowsLogrotateToTheNewFile) {
    const std::string dir = ::testing::TempDir() + "/plcbridge_log_reopen";
    fs::remove_all(dir);
    auto logger = FileLogger::open({dir + "/app.log", LogLevel::info, 1 << 20, 3, ConsoleFormat::none});
    ASSERT_TRUE(logger.ok());
    (*logger)->log(LogLevel::info, "before the rotation");
    fs::rename(dir + "/app.log", dir + "/app.log.1");  // what logrotate does before it sends SIGHUP
    (*logger)->log(LogLevel::info, "still into the moved file");
    ASSERT_TRUE((*logger)->reopen().ok());
    (*logger)->log(LogLevel::info, "after the rotation");
    EXPECT_NE(read(dir + "/app.log.1").find("still into the moved file"), std::string::npos);
    const std::string fresh = read(dir + "/app.log");
    EXPECT_NE(fresh.find("after the rotation"), std::string::npos);
    EXPECT_EQ(fresh.find("before the rotation"), std::string::npos);
}

TEST(FileLogger, TheTargetSettingChoosesTheJournalAndAutoAsksJournalStream) {
    const EnvLookup no_env = env_of({});
    const EnvLookup elsewhere = env_of({{"JOURNAL_STREAM", "1:1"}});
    EXPECT_EQ(logger_options(LogConfig{"", "info", "journal"}, no_env).console, ConsoleFormat::journal);
    EXPECT_EQ(logger_options(LogConfig{"", "info", "console"}, elsewhere).console, ConsoleFormat::plain);
    EXPECT_EQ(logger_options(LogConfig{"", "info", "auto"}, no_env).console, ConsoleFormat::plain);
    EXPECT_EQ(logger_options(LogConfig{"", "info", "auto"}, elsewhere).console, ConsoleFormat::plain)
        << "JOURNAL_STREAM names another stream than this stdout";
}

}  // namespace
}  // namespace plcbridge::app
