#include <gtest/gtest.h>

#include "plcbridge/app/log_format.hpp"

namespace plcbridge::app {
namespace {

TEST(LogFormat, JournalPrioritiesAreSyslogs) {
    EXPECT_EQ(journal_priority(LogLevel::debug), 7);
    EXPECT_EQ(journal_priority(LogLevel::info), 6);
    EXPECT_EQ(journal_priority(LogLevel::warning), 4);
    EXPECT_EQ(journal_priority(LogLevel::error), 3);
}

TEST(LogFormat, TheFileLineHasTheUtcTimeTheLevelAndTheMessage) {
    const std::chrono::system_clock::time_point at{std::chrono::milliseconds(1764669600123)};
    EXPECT_EQ(file_line(at, LogLevel::warning, "x"), "2025-12-02T10:00:00.123Z [WARNING] x\n");
}

TEST(LogFormat, AJournalLineIsOneRecordEvenWhenTheMessageHasBreaks) {
    EXPECT_EQ(journal_line(LogLevel::error, "a\nb\r\nc"), "<3>a b  c\n");
    EXPECT_EQ(journal_line(LogLevel::info, ""), "<6>\n");
}

}  // namespace
}  // namespace plcbridge::app
