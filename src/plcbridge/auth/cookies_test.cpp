#include "plcbridge/auth/cookies.hpp"

#include <gtest/gtest.h>

namespace plcbridge::auth {
namespace {

TEST(Cookies, FindsTheNamedCookie) {
    EXPECT_EQ(cookie_value("plcbridge_session=abc", kSessionCookie), "abc");
    EXPECT_EQ(cookie_value("lang=id; plcbridge_session=abc ; other=1", kSessionCookie), "abc");
    EXPECT_EQ(cookie_value("xplcbridge_session=abc", kSessionCookie), std::nullopt);
    EXPECT_EQ(cookie_value("", kSessionCookie), std::nullopt);
    EXPECT_EQ(cookie_value(";;=;plcbridge_session", kSessionCookie), std::nullopt);
}

TEST(Cookies, SessionCookieIsHttpOnlyAndStrict) {
    const std::string c = session_cookie("abc", false);
    EXPECT_TRUE(c.starts_with("plcbridge_session=abc; Path=/; HttpOnly; SameSite=Strict; Max-Age=")) << c;
    EXPECT_EQ(c.find("Secure"), std::string::npos);
    EXPECT_NE(session_cookie("abc", true).find("; Secure"), std::string::npos);
    EXPECT_NE(cleared_session_cookie(false).find("Max-Age=0"), std::string::npos);
}

}  // namespace
}  // namespace plcbridge::auth
