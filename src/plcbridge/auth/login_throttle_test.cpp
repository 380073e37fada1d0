#include "plcbridge/auth/login_throttle.hpp"

#include <gtest/gtest.h>

namespace plcbridge::auth {
namespace {

using namespace std::chrono_literals;

TEST(LoginThrottle, LocksAfterTheFreeFailuresAndDoubles) {
    LoginThrottle throttle;
    const SteadyTime t0{};
    for (int i = 1; i < LoginThrottle::kFreeFailures; ++i) {
        throttle.record_failure("user:ani", t0 + std::chrono::seconds(i));
        EXPECT_FALSE(throttle.locked_for("user:ani", t0 + std::chrono::seconds(i))) << i;
    }
    const SteadyTime fifth = t0 + 10s;
    throttle.record_failure("user:ani", fifth);
    EXPECT_EQ(throttle.locked_for("user:ani", fifth), LoginThrottle::kFirstLock);
    EXPECT_EQ(throttle.locked_for("user:ani", fifth + 29s), 1s);
    EXPECT_FALSE(throttle.locked_for("user:ani", fifth + 30s));
    throttle.record_failure("user:ani", fifth + 31s);
    EXPECT_EQ(throttle.locked_for("user:ani", fifth + 31s), 2 * LoginThrottle::kFirstLock);
    EXPECT_FALSE(throttle.locked_for("user:budi", fifth + 31s)) << "other keys are untouched";
}

TEST(LoginThrottle, LockIsCappedAndSuccessClears) {
    LoginThrottle throttle;
    SteadyTime t{};
    for (int i = 0; i < 40; ++i) {
        t += 1s;
        throttle.record_failure("addr:10.0.0.9", t);
    }
    EXPECT_EQ(throttle.locked_for("addr:10.0.0.9", t), std::chrono::seconds(LoginThrottle::kMaxLock));
    throttle.record_success("addr:10.0.0.9");
    EXPECT_FALSE(throttle.locked_for("addr:10.0.0.9", t));
}

TEST(LoginThrottle, FailuresOutsideTheWindowStartAgain) {
    LoginThrottle throttle;
    const SteadyTime t0{};
    for (int i = 0; i < LoginThrottle::kFreeFailures - 1; ++i)
        throttle.record_failure("user:ani", t0);
    throttle.record_failure("user:ani", t0 + LoginThrottle::kWindow + 1s);
    EXPECT_FALSE(throttle.locked_for("user:ani", t0 + LoginThrottle::kWindow + 1s));
}

TEST(LoginThrottle, KeysAreBounded) {
    LoginThrottle throttle;
    SteadyTime t{};
    for (std::size_t i = 0; i < LoginThrottle::kMaxKeys + 10; ++i) {
        t += 1ms;
        for (int f = 0; f < LoginThrottle::kFreeFailures; ++f)
            throttle.record_failure("user:made-up-" + std::to_string(i), t);
    }
    EXPECT_FALSE(throttle.locked_for("user:made-up-0", t)) << "the stalest key was dropped";
    EXPECT_TRUE(throttle.locked_for("user:made-up-" + std::to_string(LoginThrottle::kMaxKeys + 9), t));
}

}  // namespace
}  // namespace plcbridge::auth
