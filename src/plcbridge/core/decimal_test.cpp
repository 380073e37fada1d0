#include <gtest/gtest.h>

#include <cmath>

#include "plcbridge/core/decimal.hpp"

namespace plcbridge {
namespace {

TEST(Decimal, PrintsExactly) {
    EXPECT_EQ((Decimal{101733, 100}).to_string(), "1017.33");
    EXPECT_EQ((Decimal{-305, 100}).to_string(), "-3.05");
    EXPECT_EQ((Decimal{5, 100}).to_string(), "0.05");
    EXPECT_EQ((Decimal{101, 1}).to_string(), "101");
    EXPECT_EQ((Decimal{-9223372036854775807LL - 1, 10}).to_string(), "-922337203685477580.8");
}

TEST(Decimal, FromDoubleRoundsHalfAwayFromZeroNotTruncating) {
    // The existing system wrote 302.15 as 30214 (truncation of 30214.999...).
    EXPECT_EQ(Decimal::from_double(302.15, 100)->raw, 30215);
    EXPECT_EQ(Decimal::from_double(1.005, 100)->raw, 101);
    EXPECT_EQ(Decimal::from_double(-1.005, 100)->raw, -101);
    EXPECT_EQ(Decimal::from_double(2.5, 1)->raw, 3);
    EXPECT_EQ(Decimal::from_double(-2.5, 1)->raw, -3);
    EXPECT_EQ(Decimal::from_double(1017.33, 100)->raw, 101733);
    EXPECT_EQ(Decimal::from_double(0.004, 100)->raw, 0);
    EXPECT_FALSE(Decimal::from_double(std::nan(""), 100).has_value());
    EXPECT_FALSE(Decimal::from_double(1e300, 100).has_value());
}

TEST(Decimal, ParsesTextExactly) {
    EXPECT_EQ(Decimal::parse("1017.33", 100)->raw, 101733);
    EXPECT_EQ(Decimal::parse("1000.0", 100)->raw, 100000);
    EXPECT_EQ(Decimal::parse("-12.5", 100)->raw, -1250);
    EXPECT_EQ(Decimal::parse("302.155", 100)->raw, 30216);  // extra digit rounds half away
    EXPECT_EQ(Decimal::parse("7", 1)->raw, 7);
    for (const char* bad : {"", "-", ".", "1.2.3", "12a", "1e5"})
        EXPECT_FALSE(Decimal::parse(bad, 100)) << bad;
}

TEST(Decimal, RescalesAndComparesAcrossScales) {
    EXPECT_EQ((Decimal{150, 1}), (Decimal{15000, 100}));
    EXPECT_EQ((Decimal{15049, 100}).rescaled(1)->raw, 150);
    EXPECT_EQ((Decimal{15050, 100}).rescaled(1)->raw, 151);
    EXPECT_EQ((Decimal{-15050, 100}).rescaled(1)->raw, -151);
    EXPECT_FALSE((Decimal{9223372036854775807LL, 1}).rescaled(100).has_value());
}

}  // namespace
}  // namespace plcbridge
