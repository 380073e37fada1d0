#include <gtest/gtest.h>

#include <csignal>
#include <string>

#include "plcbridge/app/fatal_signal.hpp"

namespace plcbridge::app {
namespace {

std::string line_for(int signal, long long unix_ms, std::size_t capacity = 1024) {
    std::string out(capacity, '\0');
    out.resize(format_fatal_signal_line(signal, unix_ms, out.data(), out.size()));
    return out;
}

TEST(FatalSignal, TheLineHasTheLogFormatAndSaysWhatHappened) {
    const std::string line = line_for(SIGBUS, 1'795'000'000'123LL);
    EXPECT_TRUE(line.starts_with("2026-11-18T11:06:40.123Z [ERROR] fatal signal SIGBUS (bus error")) << line;
    EXPECT_NE(line.find("plcbridge stops now; the service manager restarts it"), std::string::npos);
    EXPECT_TRUE(line.ends_with("\n"));
}

TEST(FatalSignal, CalendarEdgesAreRight) {
    EXPECT_TRUE(
        line_for(SIGSEGV, 951'782'400'000LL).starts_with("2000-02-29T00:00:00.000Z [ERROR] fatal signal SIGSEGV"));
    EXPECT_TRUE(line_for(SIGABRT, 0).starts_with("1970-01-01T00:00:00.000Z"));
    EXPECT_TRUE(line_for(SIGFPE, 4'102'444'799'999LL).starts_with("2099-12-31T23:59:59.999Z"));
}

TEST(FatalSignal, NeverWritesPastTheBuffer) {
    char small[16];
    EXPECT_EQ(format_fatal_signal_line(SIGILL, 0, small, sizeof small), sizeof small);
}

}  // namespace
}  // namespace plcbridge::app
