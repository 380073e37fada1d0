// The console's routes over a stand-in service: the page, sign-in and sessions, roles and CSRF,
// throttling, the audit trail, and that the bearer token's manual cancel is unchanged.
#include "plcbridge/api/router.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <nlohmann/json.hpp>

#include "plcbridge/auth/cookies.hpp"
#include "support/router_fixture.hpp"

namespace plcbridge::api {
namespace {

using Json = nlohmann::json;

class ConsoleRoutes : public testing::RouterFixture {
  protected:
    void SetUp() override {
        service.accounts["oki"] = {"operator", "operator-pass", false};
        service.accounts["vivi"] = {"viewer", "viewer-pass", false};
    }
    HttpResponse ask(std::string method, std::string target, std::string body = "", std::string cookie = "",
                     std::string csrf = "", std::string authorization = "") {
        return RouterFixture::ask(HttpRequest{std::move(method), std::move(target), std::move(authorization),
                                              std::move(body), std::move(cookie), std::move(csrf), "10.0.0.7",
                                              "application/json"});
    }
    struct Signed {
        std::string cookie;
        std::string csrf;
    };
    Signed sign_in(const std::string& user, const std::string& password) {
        const auto r = ask("POST", "/api/session", Json{{"username", user}, {"password", password}}.dump());
        EXPECT_EQ(r.status, 200U) << r.body;
        const std::string set_cookie = header(r, "Set-Cookie");
        const auto value = auth::cookie_value(set_cookie.substr(0, set_cookie.find(';')), auth::kSessionCookie);
        return {std::string(auth::kSessionCookie) + "=" + value.value_or(""), Json::parse(r.body).value("csrf", "")};
    }
};

TEST_F(ConsoleRoutes, ThePageAndItsFilesAreServedWithAStrictPolicy) {
    const auto page = ask("GET", "/");
    EXPECT_EQ(page.status, 200U);
    EXPECT_EQ(page.content_type, "text/html; charset=utf-8");
    EXPECT_NE(page.body.find("/console/app.js"), std::string::npos);
    EXPECT_NE(header(page, "Content-Security-Policy").find("script-src 'self'"), std::string::npos);
    EXPECT_EQ(ask("GET", "/console/i18n/id.json").content_type, "application/json; charset=utf-8");
    EXPECT_EQ(json(ask("GET", "/console/i18n/id.json"))["tab.line"], "Lini");
    EXPECT_EQ(ask("GET", "/console/../secret").status, 404U);
    EXPECT_EQ(ask("POST", "/").status, 405U);
}

TEST_F(ConsoleRoutes, SignInGivesAnHttpOnlySessionAndWhoAmI) {
    const Signed s = sign_in("oki", "operator-pass");
    EXPECT_FALSE(s.csrf.empty());
    const auto me = json(ask("GET", "/api/session", "", s.cookie));
    EXPECT_EQ(me["signed_in"], true);
    EXPECT_EQ(me["username"], "oki");
    EXPECT_EQ(me["role"], "operator");
    EXPECT_EQ(json(ask("GET", "/api/session"))["signed_in"], false);
    const auto wrong = ask("POST", "/api/session", R"({"username": "oki", "password": "nope"})");
    EXPECT_EQ(wrong.status, 401U);
    EXPECT_EQ(json(wrong)["error"], "sign_in_failed");
    ASSERT_GE(service.audit_log.size(), 2U);
    EXPECT_EQ(service.audit_log[0].action, "login");
    EXPECT_EQ(service.audit_log[0].outcome, "ok");
    EXPECT_EQ(service.audit_log[1].outcome, "refused: unknown account, disabled, or wrong password");
}

TEST_F(ConsoleRoutes, AnOperatorCancelsWithCsrfAndIsNamedInTheNotes) {
    const Signed s = sign_in("oki", "operator-pass");
    const auto no_csrf = ask("POST", "/api/admin/manual/cancel-batch/3", R"({"notes": "blocked"})", s.cookie);
    EXPECT_EQ(no_csrf.status, 403U);
    EXPECT_EQ(json(no_csrf)["error"], "csrf_failed");
    EXPECT_TRUE(service.cancels.empty());
    const auto done = ask("POST", "/api/admin/manual/cancel-batch/3", R"({"notes": "blocked"})", s.cookie, s.csrf);
    EXPECT_EQ(done.status, 200U) << done.body;
    ASSERT_EQ(service.cancels.size(), 1U);
    EXPECT_EQ(std::get<1>(service.cancels[0]), "Manually cancelled by operator oki: blocked");
    const store::AuditEntry& row = service.audit_log.back();
    EXPECT_EQ(row.actor, "oki");
    EXPECT_EQ(row.action, "manual_cancel");
    EXPECT_EQ(row.target, "batch 3 (WH/MO/00001)");
    EXPECT_EQ(row.reason, "blocked");
    EXPECT_EQ(row.outcome, "ok");
}

TEST_F(ConsoleRoutes, TheBearerTokensManualCancelIsExactlyAsBefore) {
    const auto done =
        ask("POST", "/api/admin/manual/cancel-batch/4", R"({"notes": "from SCADA"})", "", "", "Bearer s3cret");
    EXPECT_EQ(done.status, 200U);
    ASSERT_EQ(service.cancels.size(), 1U);
    EXPECT_EQ(std::get<1>(service.cancels[0]), "from SCADA");
    EXPECT_EQ(service.audit_log.back().actor, "api-token");
}

TEST_F(ConsoleRoutes, AViewerIsRefusedAndADisabledAccountIsSignedOut) {
    const Signed v = sign_in("vivi", "viewer-pass");
    const auto refused = ask("POST", "/api/admin/manual/cancel-batch/3", "{}", v.cookie, v.csrf);
    EXPECT_EQ(refused.status, 403U);
    EXPECT_EQ(json(refused)["error"], "forbidden");
    EXPECT_EQ(ask("GET", "/api/audit", "", v.cookie).status, 403U) << "the audit trail is for operators";
    EXPECT_EQ(ask("GET", "/api/audit").status, 401U);

    const Signed o = sign_in("oki", "operator-pass");
    EXPECT_EQ(ask("GET", "/api/audit", "", o.cookie).status, 200U);
    service.accounts["oki"].disabled = true;
    EXPECT_EQ(ask("POST", "/api/admin/manual/cancel-batch/3", "{}", o.cookie, o.csrf).status, 401U);
    EXPECT_EQ(json(ask("GET", "/api/session", "", o.cookie))["signed_in"], false) << "its sessions ended";
    EXPECT_TRUE(service.cancels.empty());
}

TEST_F(ConsoleRoutes, SignInTakesOnlyJsonSoNoForeignFormCanSignTheConsoleIn) {
    const auto form = RouterFixture::ask(HttpRequest{"POST", "/api/session", "",
                                                     R"({"username": "oki", "password": "operator-pass"})", "", "",
                                                     "10.0.0.7", "text/plain"});
    EXPECT_EQ(form.status, 415U);
    EXPECT_TRUE(service.audit_log.empty()) << "not even an attempt";
}

TEST_F(ConsoleRoutes, RepeatedFailuresAreThrottled) {
    for (int i = 0; i < 5; ++i)
        EXPECT_EQ(ask("POST", "/api/session", R"({"username": "oki", "password": "guess"})").status, 401U);
    const auto locked = ask("POST", "/api/session", R"({"username": "oki", "password": "operator-pass"})");
    EXPECT_EQ(locked.status, 429U);
    EXPECT_NE(json(locked)["message"].get<std::string>().find("too many failed sign-ins"), std::string::npos);
    EXPECT_EQ(header(locked, "Retry-After"), "30");
    EXPECT_EQ(service.audit_log.back().outcome, "refused: throttled for 30 s");
}

TEST_F(ConsoleRoutes, EventsAreAStreamAndBadInputIsNamed) {
    EXPECT_EQ(ask("GET", "/api/events").status, 503U) << "no feed in this router";
    EXPECT_EQ(ask("POST", "/api/session", "[1]").status, 400U);
    EXPECT_EQ(ask("GET", "/api/histories?from=yesterday").status, 400U);
    EXPECT_EQ(ask("GET", "/api/reports/cancellations?days=0").status, 400U);
    const auto csv = ask("GET", "/api/histories.csv?status=cancelled");
    EXPECT_EQ(csv.status, 200U);
    EXPECT_EQ(csv.content_type, "text/csv; charset=utf-8");
    EXPECT_TRUE(csv.body.starts_with("history_id,")) << csv.body;
}

}  // namespace
}  // namespace plcbridge::api
