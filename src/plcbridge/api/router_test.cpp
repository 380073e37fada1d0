// The router on its own, over a stand-in service: status codes, authentication, JSON errors, and
// what reaches the service. The server and the real service are tested end to end (tests/e2e).
#include "plcbridge/api/router.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <nlohmann/json.hpp>

#include "support/router_fixture.hpp"

namespace plcbridge::api {
namespace {

using Json = nlohmann::json;

class Router : public testing::RouterFixture {
  protected:
    HttpResponse ask(std::string method, std::string target, std::string body = "", std::string authorization = "") {
        return RouterFixture::ask(HttpRequest{
            std::move(method), std::move(target), std::move(authorization), std::move(body), {}, {}, {}, {}});
    }
    HttpResponse admin(std::string method, std::string target, std::string body = "") {
        return ask(std::move(method), std::move(target), std::move(body), std::string("Bearer ") + kToken);
    }
};

TEST_F(Router, HealthIsOpenAndJson) {
    const auto r = ask("GET", "/api/health");
    EXPECT_EQ(r.status, 200U);
    EXPECT_EQ(r.content_type, "application/json");
    EXPECT_EQ(json(r)["status"], "ok") << r.body;
}

TEST_F(Router, AWrongMethodIs405WithAllow) {
    const auto r = ask("POST", "/api/health");
    EXPECT_EQ(r.status, 405U);
    EXPECT_EQ(header(r, "Allow"), "GET");
    EXPECT_EQ(json(r)["error"], "method_not_allowed");
    EXPECT_EQ(admin("GET", "/api/admin/manual/cancel-batch/3").status, 405U);
}

TEST_F(Router, UnknownPathsAre404AndAdminOnesOnlyAfterTheToken) {
    EXPECT_EQ(ask("GET", "/api/nothing").status, 404U);
    EXPECT_EQ(ask("GET", "/api/admin/nothing").status, 401U) << "nothing is told before the token";
    EXPECT_EQ(admin("GET", "/api/admin/nothing").status, 404U);
}

TEST_F(Router, AdminNeedsTheBearerTokenInAnyCase) {
    const auto none = ask("GET", "/api/admin/scheduler/status");
    EXPECT_EQ(none.status, 401U);
    EXPECT_EQ(header(none, "WWW-Authenticate"), "Bearer");
    EXPECT_EQ(json(none)["error"], "unauthorized");
    EXPECT_EQ(ask("GET", "/api/admin/scheduler/status", "", "Bearer wrong").status, 401U);
    EXPECT_EQ(ask("GET", "/api/admin/scheduler/status", "", "Basic czNjcmV0").status, 401U);
    EXPECT_EQ(ask("GET", "/api/admin/scheduler/status", "", std::string("bearer  ") + kToken).status, 200U);
    EXPECT_EQ(admin("GET", "/api/admin/scheduler/status").status, 200U);
}

TEST_F(Router, WithoutAConfiguredTokenAdminIsOpen) {
    ApiRouter open(service, "");
    std::optional<HttpResponse> answer;
    boost::asio::co_spawn(io, open.handle(HttpRequest{"GET", "/api/admin/scheduler/status", "", "", {}, {}, {}, {}}),
                          [&](std::exception_ptr, HttpResponse r) { answer = std::move(r); });
    io.run();
    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->status, 200U);
}

TEST_F(Router, HistoriesPassesTheFilterAndRefusesWhatItDoesNotKnow) {
    const auto r = ask("GET", "/api/histories?status=cancelled&mo_id=WH%2FMO%2F00123&limit=5&offset=10");
    ASSERT_EQ(r.status, 200U) << r.body;
    ASSERT_TRUE(service.last_filter);
    EXPECT_EQ(service.last_filter->status, "cancelled");
    EXPECT_EQ(service.last_filter->mo_id, "WH/MO/00123");
    EXPECT_EQ(service.last_filter->limit, 5);
    EXPECT_EQ(service.last_filter->offset, 10);
    EXPECT_EQ(json(r)["histories"][0]["mo_id"], "WH/MO/00123");

    for (const char* bad : {"/api/histories?status=lost", "/api/histories?limit=0", "/api/histories?limit=1001",
                            "/api/histories?offset=-1", "/api/histories?colour=red", "/api/histories?mo_id=%ZZ",
                            "/api/histories?status=%FF", "/api/histories?x%C3=1"}) {
        const auto refused = ask("GET", bad);
        EXPECT_EQ(refused.status, 400U) << bad;
        EXPECT_EQ(json(refused)["error"], "bad_request") << bad;
        EXPECT_FALSE(json(refused)["message"].get<std::string>().empty()) << bad;
    }
    EXPECT_EQ(json(ask("GET", "/api/histories?status=%FF"))["message"],
              "the query parameter 'status' is not valid UTF-8: send text as UTF-8, %-escaped");
}

TEST_F(Router, ADatabaseThatDoesNotAnswerIs503) {
    service.batches_error = make_error(store::Errc::unavailable, "sqlite:x.db: disk I/O error");
    const auto r = ask("GET", "/api/batches");
    EXPECT_EQ(r.status, 503U);
    EXPECT_EQ(json(r)["error"], "database_unavailable");
    EXPECT_NE(json(r)["message"].get<std::string>().find("disk I/O error"), std::string::npos);
}

TEST_F(Router, ManualCancelTakesNotesFromTheBodyOrTheQuery) {
    auto r = admin("POST", "/api/admin/manual/cancel-batch/3", R"({"notes": "silo 104 blocked"})");
    EXPECT_EQ(r.status, 200U) << r.body;
    EXPECT_EQ(json(r)["status"], "cancelled");
    r = admin("POST", "/api/admin/manual/cancel-batch/4?notes=JF%20PLUS%20%E2%80%93%20K%C3%9CR&cancel_in_odoo=true");
    EXPECT_EQ(r.status, 202U) << r.body;
    EXPECT_EQ(json(r)["job_id"], 42);
    ASSERT_EQ(service.cancels.size(), 2U);
    EXPECT_EQ(service.cancels[0], (std::tuple<int, std::string, bool>{3, "silo 104 blocked", false}));
    EXPECT_EQ(service.cancels[1], (std::tuple<int, std::string, bool>{4, "JF PLUS – KÜR", true}));
}

TEST_F(Router, ManualCancelRefusalsNameTheProblem) {
    struct Case {
        std::string target, body;
        unsigned status;
    };
    const std::vector<Case> cases = {
        {"/api/admin/manual/cancel-batch/0", "", 400},
        {"/api/admin/manual/cancel-batch/11", "", 400},  // the fake has 10 slots
        {"/api/admin/manual/cancel-batch/x", "", 400},
        {"/api/admin/manual/cancel-batch/3", "{not json", 400},
        {"/api/admin/manual/cancel-batch/3", "[1]", 400},
        {"/api/admin/manual/cancel-batch/3", R"({"note": "typo"})", 400},
        {"/api/admin/manual/cancel-batch/3", R"({"notes": 5})", 400},
        {"/api/admin/manual/cancel-batch/3", R"({"cancel_in_odoo": "yes"})", 400},
        {"/api/admin/manual/cancel-batch/3?cancel_in_odoo=maybe", "", 400},
        {"/api/admin/manual/cancel-batch/3?notes=bad%FFnote", "", 400},
    };
    for (const auto& c : cases) {
        const auto r = admin("POST", c.target, c.body);
        EXPECT_EQ(r.status, c.status) << c.target << " " << c.body << ": " << r.body;
        EXPECT_EQ(json(r)["error"], "bad_request") << c.target;
    }
    EXPECT_TRUE(service.cancels.empty()) << "nothing refused reaches the service";

    service.cancel_error = make_error(store::Errc::not_found, "slot 3 holds no batch");
    EXPECT_EQ(admin("POST", "/api/admin/manual/cancel-batch/3").status, 404U);
    service.cancel_error = make_error(store::Errc::conflict, "batch #3 is being cancelled");
    const auto conflict = admin("POST", "/api/admin/manual/cancel-batch/3");
    EXPECT_EQ(conflict.status, 409U);
    EXPECT_EQ(json(conflict)["error"], "conflict");
    service.cancel_error = make_error(store::Errc::unavailable, "connection refused");
    EXPECT_EQ(admin("POST", "/api/admin/manual/cancel-batch/3").status, 503U);
    service.cancel_error = make_error(store::Errc::fenced, "line 1: this instance does not hold the line's lease");
    const auto standby = admin("POST", "/api/admin/manual/cancel-batch/3");
    EXPECT_EQ(standby.status, 409U) << "a standby changes nothing of the line";
    EXPECT_EQ(json(standby)["error"], "not_leader");
    EXPECT_NE(json(standby)["message"].get<std::string>().find("the instance that drives the line"), std::string::npos);
}

TEST_F(Router, APlcSyncThatCouldNotReadIs503WithTheOutcome) {
    tasks::SyncOutcome unreachable;
    unreachable.plc_ok = false;
    unreachable.error = Error{std::make_error_code(std::errc::timed_out), "FINS read D6000: no reply within 2000 ms"};
    service.sync_outcome = unreachable;
    auto r = admin("POST", "/api/admin/manual/trigger-plc-sync");
    EXPECT_EQ(r.status, 503U);
    EXPECT_EQ(json(r)["error"], "plc_unreachable");
    tasks::SyncOutcome fine;
    fine.plc_ok = true;
    service.sync_outcome = fine;
    EXPECT_EQ(admin("POST", "/api/admin/manual/trigger-plc-sync").status, 200U);
    service.sync_outcome.reset();
    EXPECT_EQ(json(admin("POST", "/api/admin/manual/trigger-plc-sync"))["error"], "stopping");
}

TEST_F(Router, TheSchedulerToggleValidatesItsBody) {
    EXPECT_TRUE(service.scheduler().enabled());
    auto r = admin("POST", "/api/admin/scheduler/toggle", R"({"enabled": false})");
    EXPECT_EQ(r.status, 200U) << r.body;
    EXPECT_FALSE(service.scheduler().enabled());
    EXPECT_EQ(admin("POST", "/api/admin/scheduler/toggle", R"({"enabled": "no"})").status, 400U);
    EXPECT_EQ(admin("POST", "/api/admin/scheduler/toggle", R"({"enabled": true, "task": "nope"})").status, 400U);
    EXPECT_EQ(admin("POST", "/api/admin/scheduler/toggle", R"({"enabled": true, "when": 1})").status, 400U);
    EXPECT_FALSE(service.scheduler().enabled()) << "a refused toggle changes nothing";
}

TEST_F(Router, StoredTextThatIsNotUtf8IsAnsweredNotThrown) {
    // An older version stored raw bytes: the dump replaces them instead of throwing.
    (void)admin("POST", "/api/admin/manual/cancel-batch/3", std::string(R"({"notes": "ok"})"));
    service.health_report.batch_concerns = {std::string("bad \xFF byte")};
    const auto r = ask("GET", "/api/health");
    EXPECT_EQ(r.status, 200U);
    EXPECT_FALSE(json(r).is_discarded()) << r.body;
}

}  // namespace
}  // namespace plcbridge::api
