// The HTTP API of the real binary: the manual cancel through Odoo, bad requests and their JSON
// errors, text that is not UTF-8, the scheduler switch.
#include "e2e/service_e2e_fixture.hpp"

namespace plcbridge::e2e {
namespace {

// The manual cancel with cancel_in_odoo=true goes through the cancel job: Odoo first, then the
// archive with the operator's note. A second request while it runs is a conflict.
TEST_P(ServiceE2E, ManualCancelWithCancelInOdooCancelsTheMoThenArchivesWithTheOperatorsNote) {
    seed_batch(4, "WH/MO/00124");
    sim::OdooFaults slow;
    slow.delay_count = -1;
    slow.delay = 1000ms;  // long enough to ask again while the first request is under way
    odoo.sim.set_faults(slow);
    start_service();
    wait_for_first_read(4);
    auto queued =
        http_call(api, "POST", "/api/admin/manual/cancel-batch/4?cancel_in_odoo=true&notes=Bin+4+blocked", "", kToken);
    ASSERT_EQ(queued.status, 202U) << queued.body;
    EXPECT_EQ(queued.json()["status"], "cancelling");
    auto again = http_call(api, "POST", "/api/admin/manual/cancel-batch/4", R"({"cancel_in_odoo": true})", kToken);
    EXPECT_EQ(again.status, 409U) << again.body;
    EXPECT_EQ(again.json()["error"], "conflict");

    ASSERT_TRUE(wait_until([&] { return archived("WH/MO/00124"); }, 20s)) << service->output();
    const auto h = histories_of("WH/MO/00124");
    ASSERT_EQ(h.size(), 1U);
    EXPECT_EQ(h[0].notes, "Bin 4 blocked");
    EXPECT_EQ(odoo.sim.mo("WH/MO/00124")->state, "cancel");
    EXPECT_EQ(odoo_cancel_calls(), 1);
}

// Issue 12, item 1: text that is not UTF-8 in a request once made the JSON answer throw inside the
// session, which never gave its connection slot back; 65 such requests locked every client out.
TEST_P(ServiceE2E, TextThatIsNotUtf8GetsA400NamingThePartAndNeverLocksTheApi) {
    seed_batch(2, "WH/MO/00122");
    start_service();
    for (int i = 0; i < 70; ++i) {
        auto r = http_call(api, "GET", "/%FF");
        ASSERT_EQ(r.status, 400U) << i << " " << r.body;
    }
    auto bad_value = http_call(api, "GET", "/api/histories?status=%FF");
    EXPECT_EQ(bad_value.status, 400U);
    EXPECT_EQ(bad_value.json()["message"],
              "the query parameter 'status' is not valid UTF-8: send text as UTF-8, %-escaped");
    EXPECT_EQ(http_call(api, "GET", "/api/histories?x%C3=1").status, 400U);
    auto bad_notes = http_call(api, "POST", "/api/admin/manual/cancel-batch/2?notes=bad%FFnote", "", kToken);
    EXPECT_EQ(bad_notes.status, 400U) << bad_notes.body;
    EXPECT_TRUE(repo->find_batch_by_slot(2)->has_value()) << "nothing archived with raw bytes as notes";
    EXPECT_EQ(http_call(api, "GET", "/api/health").status, 200U) << "every slot was given back";
    EXPECT_EQ(http_call(api, "GET", "/api/histories").status, 200U);
}

// Bad requests get a status and a JSON error that says what to do; the scheduler can be switched
// off and on from the API.
TEST_P(ServiceE2E, TheApiAnswersBadRequestsWithJsonErrorsAndTogglesTheScheduler) {
    start_service();
    struct Case {
        std::string method, target, body, token;
        unsigned status;
        std::string error;
    };
    const std::vector<Case> cases = {
        {"GET", "/api/nothing", "", "", 404, "not_found"},
        {"POST", "/api/health", "", "", 405, "method_not_allowed"},
        {"GET", "/api/histories?status=lost", "", "", 400, "bad_request"},
        {"GET", "/api/histories?limit=0", "", "", 400, "bad_request"},
        {"GET", "/api/histories?colour=red", "", "", 400, "bad_request"},
        {"GET", "/api/histories?mo_id=%ZZ", "", "", 400, "bad_request"},
        {"POST", "/api/admin/manual/cancel-batch/3", "", "", 401, "unauthorized"},
        {"POST", "/api/admin/manual/cancel-batch/3", "", "wrong", 401, "unauthorized"},
        {"POST", "/api/admin/manual/cancel-batch/0", "", kToken, 400, "bad_request"},
        {"POST", "/api/admin/manual/cancel-batch/x", "", kToken, 400, "bad_request"},
        {"POST", "/api/admin/manual/cancel-batch/3", "{not json", kToken, 400, "bad_request"},
        {"POST", "/api/admin/manual/cancel-batch/3", R"({"note": "typo"})", kToken, 400, "bad_request"},
        {"POST", "/api/admin/manual/cancel-batch/3", R"({"notes": 5})", kToken, 400, "bad_request"},
        {"POST", "/api/admin/manual/cancel-batch/3", "", kToken, 404, "unknown_batch"},
        {"POST", "/api/admin/scheduler/toggle", "{}", kToken, 400, "bad_request"},
        {"POST", "/api/admin/scheduler/toggle", R"({"enabled": true, "task": "nope"})", kToken, 400, "bad_request"},
        {"POST", "/api/admin/manual/cancel-batch/3", std::string(70 * 1024, 'x'), kToken, 413, "too_large"},
    };
    for (const Case& c : cases) {
        auto answer = http_call(api, c.method, c.target, c.body, c.token);
        EXPECT_EQ(answer.status, c.status) << c.method << " " << c.target << ": " << answer.body;
        const auto json = answer.json();
        EXPECT_EQ(json.value("error", ""), c.error) << c.target << ": " << answer.body;
        EXPECT_FALSE(json.value("message", "").empty()) << c.target;
    }

    auto off = http_call(api, "POST", "/api/admin/scheduler/toggle", R"({"enabled": false})", kToken);
    ASSERT_EQ(off.status, 200U) << off.body;
    EXPECT_FALSE(off.json()["enabled"].get<bool>());
    EXPECT_TRUE(
        wait_until([&] { return http_call(api, "GET", "/api/health").json()["scheduler"]["enabled"] == false; }, 5s));
    std::this_thread::sleep_for(std::chrono::milliseconds(2 * kReadIntervalMs));  // a run in flight ends
    const auto frozen = plc_read_runs();
    std::this_thread::sleep_for(std::chrono::milliseconds(4 * kReadIntervalMs));
    EXPECT_EQ(plc_read_runs(), frozen) << "no scheduled run while disabled";
    auto manual = http_call(api, "POST", "/api/admin/manual/trigger-plc-sync", "", kToken);
    EXPECT_EQ(manual.status, 200U) << manual.body;
    EXPECT_EQ(manual.json()["fins_reads"], 1) << "the whole READ area in one FINS read";
    EXPECT_EQ(plc_read_runs(), frozen + 1) << "a manual run works while the scheduler is off";
    ASSERT_EQ(http_call(api, "POST", "/api/admin/scheduler/toggle", R"({"enabled": true})", kToken).status, 200U);
    EXPECT_TRUE(wait_until([&] { return plc_read_runs() >= frozen + 3; }, 10s));

    auto task_off =
        http_call(api, "POST", "/api/admin/scheduler/toggle", R"({"enabled": false, "task": "plc_read"})", kToken);
    ASSERT_EQ(task_off.status, 200U);
    EXPECT_FALSE(task_of(task_off.json(), "plc_read")["enabled"].get<bool>());
}

}  // namespace
}  // namespace plcbridge::e2e
