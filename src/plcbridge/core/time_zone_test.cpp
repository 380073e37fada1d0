#include "plcbridge/core/time_zone.hpp"

#include <gtest/gtest.h>

namespace plcbridge {
namespace {

using namespace std::chrono;

local_seconds local(int y, unsigned m, unsigned d, int h, int min, int s) {
    return local_days{year{y} / month{m} / day{d}} + hours{h} + minutes{min} + seconds{s};
}

sys_seconds utc(int y, unsigned m, unsigned d, int h, int min, int s) {
    return sys_days{year{y} / month{m} / day{d}} + hours{h} + minutes{min} + seconds{s};
}

TEST(TimeZone, ThePlantsLocalTimeBecomesUtc) {
    auto jakarta = TimeZone::load("Asia/Jakarta");
    ASSERT_TRUE(jakarta) << jakarta.error().message();
    // The plant's captures were taken at 10:26:55 UTC, 17:26:55 on the plant's clock (UTC+7).
    EXPECT_EQ(jakarta->to_utc(local(2026, 3, 4, 17, 26, 55)), utc(2026, 3, 4, 10, 26, 55));
    EXPECT_EQ(jakarta->offset_at(utc(2026, 3, 4, 10, 26, 55)), hours{7});
}

TEST(TimeZone, DaylightSavingTimeFollowsTheTransitions) {
    auto berlin = TimeZone::load("Europe/Berlin");
    ASSERT_TRUE(berlin) << berlin.error().message();
    EXPECT_EQ(berlin->to_utc(local(2026, 1, 15, 12, 0, 0)), utc(2026, 1, 15, 11, 0, 0));
    EXPECT_EQ(berlin->to_utc(local(2026, 7, 1, 12, 0, 0)), utc(2026, 7, 1, 10, 0, 0));
}

TEST(TimeZone, UtcIsTheDefaultAndANameThatIsNotOneIsRefused) {
    const TimeZone utc_zone;
    EXPECT_EQ(utc_zone.to_utc(local(2026, 3, 4, 17, 26, 55)), utc(2026, 3, 4, 17, 26, 55));
    EXPECT_EQ(utc_zone.name(), "UTC");
    auto named = TimeZone::load("UTC");
    ASSERT_TRUE(named);
    EXPECT_EQ(named->to_utc(local(2026, 3, 4, 17, 26, 55)), utc(2026, 3, 4, 17, 26, 55));
    auto typo = TimeZone::load("Asia/Jakarte");
    ASSERT_FALSE(typo);
    EXPECT_NE(typo.error().detail.find("time zone 'Asia/Jakarte': not found in /usr/share/zoneinfo"), std::string::npos)
        << typo.error().detail;
    EXPECT_FALSE(TimeZone::load("../../etc/passwd"));
    EXPECT_FALSE(TimeZone::load("+07:00"));
    EXPECT_FALSE(TimeZone::parse("x", "TZif2 but not really"));
    EXPECT_FALSE(TimeZone::parse("x", ""));
}

}  // namespace
}  // namespace plcbridge
