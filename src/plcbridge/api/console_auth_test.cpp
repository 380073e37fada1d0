#include "plcbridge/api/console_auth.hpp"

#include <gtest/gtest.h>

#include "plcbridge/auth/cookies.hpp"

namespace plcbridge::api {
namespace {

std::function<std::string()> counter() {
    return [n = 0]() mutable { return "tok" + std::to_string(n++); };
}

HttpRequest request(std::string authorization, std::string cookie) {
    HttpRequest r;
    r.method = "POST";
    r.target = "/api/admin/scheduler/toggle";
    r.authorization = std::move(authorization);
    r.cookie = std::move(cookie);
    return r;
}

TEST(ConsoleAuth, TheTokenStillDoesEverythingAndAWrongOneIsNoFallback) {
    ConsoleAuth auth("secret", counter());
    const auto now = auth::SteadyTime{};
    const auth::Session s = auth.sessions().open("budi", auth::Role::admin, now);
    const Caller machine = auth.identify(request("Bearer secret", ""), now);
    EXPECT_EQ(machine.via, Caller::Via::token);
    EXPECT_EQ(machine.name, kTokenActor);
    EXPECT_EQ(refusal_for(machine, Need::admin, true, ""), std::nullopt) << "no CSRF for machines";
    const Caller wrong = auth.identify(request("Bearer nope", std::string(auth::kSessionCookie) + "=" + s.id), now);
    EXPECT_EQ(wrong.via, Caller::Via::bad_token);
    EXPECT_EQ(refusal_for(wrong, Need::viewer, false, "")->status, 401u);
}

TEST(ConsoleAuth, ASessionsRoleDecidesAndStateChangesNeedItsCsrfToken) {
    ConsoleAuth auth("secret", counter());
    const auto now = auth::SteadyTime{};
    const auth::Session viewer = auth.sessions().open("vivi", auth::Role::viewer, now);
    const auth::Session op = auth.sessions().open("oki", auth::Role::operator_role, now);
    const Caller v = auth.identify(request("", "plcbridge_session=" + viewer.id), now);
    ASSERT_EQ(v.via, Caller::Via::session);
    EXPECT_EQ(refusal_for(v, Need::viewer, false, ""), std::nullopt);
    auto refused = refusal_for(v, Need::operator_role, true, viewer.csrf);
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 403u);
    EXPECT_EQ(refused->code, "forbidden");
    EXPECT_NE(refused->message.find("'vivi' is a viewer"), std::string::npos) << refused->message;

    const Caller o = auth.identify(request("", "a=b; plcbridge_session=" + op.id), now);
    EXPECT_EQ(refusal_for(o, Need::operator_role, true, op.csrf), std::nullopt);
    EXPECT_EQ(refusal_for(o, Need::operator_role, true, "")->code, "csrf_failed");
    EXPECT_EQ(refusal_for(o, Need::operator_role, true, viewer.csrf)->code, "csrf_failed");
    EXPECT_EQ(refusal_for(o, Need::admin, true, op.csrf)->code, "forbidden");
}

TEST(ConsoleAuth, WithoutATokenAdminIsOpenUnlessASessionSpeaks) {
    ConsoleAuth auth("", counter());
    const auto now = auth::SteadyTime{};
    const Caller open = auth.identify(request("", ""), now);
    EXPECT_EQ(open.via, Caller::Via::open);
    EXPECT_EQ(refusal_for(open, Need::admin, true, ""), std::nullopt);
    const auth::Session viewer = auth.sessions().open("vivi", auth::Role::viewer, now);
    const Caller v = auth.identify(request("", "plcbridge_session=" + viewer.id), now);
    EXPECT_EQ(refusal_for(v, Need::operator_role, true, viewer.csrf)->status, 403u);
}

TEST(ConsoleAuth, NobodyIsAskedToSignIn) {
    ConsoleAuth auth("secret", counter());
    const Caller nobody = auth.identify(request("", "plcbridge_session=unknown"), auth::SteadyTime{});
    EXPECT_EQ(nobody.via, Caller::Via::nobody);
    EXPECT_EQ(refusal_for(nobody, Need::anyone, false, ""), std::nullopt);
    EXPECT_EQ(refusal_for(nobody, Need::viewer, false, "")->status, 401u);
}

}  // namespace
}  // namespace plcbridge::api
