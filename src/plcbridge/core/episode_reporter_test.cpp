#include "plcbridge/core/episode_reporter.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace plcbridge {
namespace {

class Lines final : public Logger {
  public:
    void log(LogLevel level, std::string_view message) override {
        const char* names[] = {"DEBUG", "INFO", "WARNING", "ERROR"};
        lines.push_back(std::string(names[static_cast<int>(level)]) + " " + std::string(message));
    }
    std::vector<std::string> lines;
};

TEST(EpisodeReporter, AnOutageIsOneLineWhenItStartsAndOneWhenItEnds) {
    Lines log;
    EpisodeReporter db(log);
    db.recovered("database answers again");  // nothing was wrong: nothing to say
    EXPECT_TRUE(log.lines.empty());
    for (int i = 0; i < 3; ++i)
        db.failing("PLC read not stored: database unavailable");
    EXPECT_TRUE(db.open());
    db.recovered("PLC reads are stored again");
    db.recovered("PLC reads are stored again");
    ASSERT_EQ(log.lines.size(), 4U);
    EXPECT_EQ(log.lines[0], "ERROR PLC read not stored: database unavailable");
    EXPECT_EQ(log.lines[1], "DEBUG PLC read not stored: database unavailable");
    EXPECT_EQ(log.lines[3], "INFO PLC reads are stored again (after 3 failed cycle(s))");
    EXPECT_FALSE(db.open());
    db.failing("again");
    EXPECT_EQ(log.lines.back(), "ERROR again") << "a new episode is said again";
}

}  // namespace
}  // namespace plcbridge
