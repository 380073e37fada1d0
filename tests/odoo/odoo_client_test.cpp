// The Odoo client against the Odoo simulator over real HTTP on 127.0.0.1: every call and every
// outcome of docs/ODOO.md that the tasks depend on.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>

#include <fstream>
#include <sstream>
#include <thread>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_future.hpp>

#include "plcbridge/core/leadership.hpp"
#include "plcbridge/odoo/errc.hpp"
#include "plcbridge/odoo/odoo_client.hpp"
#include "plcbridge/sim/odoo_sim_server.hpp"
#include "support/odoo_sim_thread.hpp"
#include "support/sim_fixture.hpp"

namespace plcbridge::odoo {
namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;
using testing::run_on;

/// The simulator on its own thread, with three confirmed MOs.
struct OdooSimThread : testing::OdooSimThread {
    OdooSimThread() : testing::OdooSimThread(3) {}
};

class OdooClientTest : public ::testing::Test {
  protected:
    std::unique_ptr<OdooClient> client(std::string password = "admin", std::chrono::milliseconds timeout = 2000ms) {
        OdooOptions o{fmt::format("http://127.0.0.1:{}", odoo.port), "odoo14", "admin", std::move(password), timeout};
        return OdooClient::create(io.get_executor(), o).value();
    }
    sim::SimMo mo_in(const std::string& name, const std::string& state) {
        sim::SimMo m;
        m.mo_id = name;
        m.state = state;
        m.components = {{"PKE", 200, 0, "silo101"}, {"KOPRA", 100, 0, "silo102"}, {"TETES", 40, 0, "lq114"}};
        odoo.sim.put_mo(m);
        return m;
    }
    OdooSimThread odoo;
    asio::io_context io;
};

TEST_F(OdooClientTest, LogsInOnceAndReusesTheSession) {
    auto c = client();
    ASSERT_TRUE(run_on(io, c->version()).ok());
    ASSERT_TRUE(run_on(io, c->list_mos({"confirmed"}, 50, 0)).ok());
    ASSERT_TRUE(run_on(io, c->mo_detail("WH/MO/00001")).ok());
    EXPECT_EQ(c->stats().logins, 1U);
    const auto calls = odoo.sim.calls();
    EXPECT_EQ(std::count_if(calls.begin(), calls.end(),
                            [](const std::string& s) { return s.starts_with("/web/session/authenticate"); }),
              1);
    for (const auto& call : calls)
        EXPECT_EQ(call.find("\"admin\",\"password\":\"admin\""), std::string::npos);
}

TEST_F(OdooClientTest, AnInstanceThatDoesNotLeadTheLineSendsNothingToOdoo) {
    auto c = client();
    mo_in("WH/MO/00001", "progress");
    Leadership leadership = Leadership::leased();
    c->call_only_while(leadership);
    auto refused = run_on(io, c->cancel("WH/MO/00001"));
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, Errc::transient) << "the leader does it: for this instance, later";
    EXPECT_NE(refused.error().detail.find("nothing was sent to Odoo"), std::string::npos) << refused.error().detail;
    EXPECT_TRUE(odoo.sim.calls().empty()) << "not even a login";
    EXPECT_EQ(odoo.sim.mo("WH/MO/00001")->state, "progress");
    leadership.lead(2, Leadership::Clock::now() + 30s);
    ASSERT_TRUE(run_on(io, c->cancel("WH/MO/00001")).ok());
    EXPECT_EQ(odoo.sim.mo("WH/MO/00001")->state, "cancel");
}

TEST_F(OdooClientTest, ASecondCallerWhileACallIsInFlightGetsAnErrorInsteadOfHangingBoth) {
    auto c = client();
    ASSERT_TRUE(run_on(io, c->login()).ok());
    sim::OdooFaults slow;
    slow.delay_count = 1;
    slow.delay = std::chrono::milliseconds(300);
    odoo.sim.set_faults(slow);
    std::optional<Result<odoo::Mo>> first;
    std::optional<Result<odoo::Mo>> second;
    auto one = [&]() -> asio::awaitable<void> { first.emplace(co_await c->mo_detail("WH/MO/00001")); };
    auto two = [&]() -> asio::awaitable<void> { second.emplace(co_await c->mo_detail("WH/MO/00002")); };
    asio::co_spawn(io, one(), asio::detached);
    asio::co_spawn(io, two(), asio::detached);
    io.restart();
    io.run();
    ASSERT_TRUE(first && second);
    EXPECT_TRUE(first->ok()) << first->error().message();
    ASSERT_FALSE(second->ok());
    EXPECT_EQ(second->error().code, Errc::protocol);
    EXPECT_NE(second->error().message().find("already busy"), std::string::npos) << second->error().message();
}

TEST_F(OdooClientTest, OneKeepAliveConnectionCarriesEveryCall) {
    auto c = client();
    for (int i = 0; i < 5; ++i)
        ASSERT_TRUE(run_on(io, c->mo_detail("WH/MO/00001")).ok());
    EXPECT_EQ(c->stats().calls, 6U) << "a login and five calls";
    EXPECT_EQ(odoo.connections(), 1U);
}

TEST_F(OdooClientTest, AnAnswerOverTheSizeCapIsRefusedNotBuffered) {
    OdooOptions o{fmt::format("http://127.0.0.1:{}", odoo.port), "odoo14", "admin", "admin", 2000ms, 512};
    auto c = OdooClient::create(io.get_executor(), o).value();
    auto r = run_on(io, c->list_mos({"confirmed"}, 50, 0));  // three MOs with components: a few kB
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, Errc::transient);
    EXPECT_NE(r.error().message().find("more than 512 bytes"), std::string::npos) << r.error().message();
}

TEST_F(OdooClientTest, AWrongPasswordIsAnAuthFailureWithOdoosReason) {
    auto c = client("wrong");
    auto r = run_on(io, c->cancel("WH/MO/00001"));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, Errc::auth_failed);
    EXPECT_NE(r.error().message().find("Access Denied"), std::string::npos);
    EXPECT_EQ(r.error().message().find("wrong"), std::string::npos) << "never the password";
    EXPECT_EQ(odoo.sim.mo("WH/MO/00001")->state, "confirmed");
}

TEST_F(OdooClientTest, ASessionThatExpiresMidRunIsRenewedOnceAndTheCallReplayed) {
    auto c = client();
    ASSERT_TRUE(run_on(io, c->mo_detail("WH/MO/00001")).ok());
    odoo.sim.expire_sessions();
    auto r = run_on(io, c->cancel("WH/MO/00001"));
    ASSERT_TRUE(r.ok()) << r.error().message();
    EXPECT_EQ(c->stats().relogins, 1U);
    EXPECT_EQ(odoo.sim.mo("WH/MO/00001")->state, "cancel");
}

TEST_F(OdooClientTest, CancelOutcomesFollowTheMoState) {
    auto c = client();
    mo_in("WH/MO/00100", "progress");
    auto cancelled = run_on(io, c->cancel("WH/MO/00100"));
    ASSERT_TRUE(cancelled.ok());
    EXPECT_FALSE(cancelled->already_cancelled);
    EXPECT_EQ(cancelled->mo_state, "cancel");

    auto again = run_on(io, c->cancel("WH/MO/00100"));
    ASSERT_TRUE(again.ok()) << "already cancelled is a success";
    EXPECT_TRUE(again->already_cancelled);

    mo_in("WH/MO/00101", "done");
    auto done = run_on(io, c->cancel("WH/MO/00101"));
    ASSERT_FALSE(done.ok());
    EXPECT_EQ(done.error().code, Errc::refused);
    EXPECT_EQ(done.error().detail, "Cannot cancel MO \"WH/MO/00101\" in state \"done\"");

    auto unknown = run_on(io, c->cancel("WH/MO/99999"));
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(unknown.error().code, Errc::not_found);
    EXPECT_EQ(unknown.error().detail, "MO not found: WH/MO/99999");
}

TEST_F(OdooClientTest, AProxy502PageIsTransient) {
    auto c = client();
    odoo.sim.set_faults({.proxy_error = 1});
    auto r = run_on(io, c->mo_detail("WH/MO/00001"));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, Errc::transient);
    EXPECT_NE(r.error().message().find("HTTP 502"), std::string::npos) << r.error().message();
    EXPECT_TRUE(run_on(io, c->mo_detail("WH/MO/00001")).ok()) << "and the next call works";
}

// Health learns Odoo from every client: each call feeds the client's link, a refusal being an answer.
TEST_F(OdooClientTest, EveryCallFeedsTheClientsLinkAndARefusalCountsAsAnAnswer) {
    auto c = client();
    EXPECT_FALSE(c->link().ever_contacted());
    odoo.sim.set_faults({.proxy_error = 2});
    EXPECT_FALSE(run_on(io, c->mo_detail("WH/MO/00001")).ok());
    EXPECT_FALSE(run_on(io, c->mo_detail("WH/MO/00001")).ok());
    EXPECT_TRUE(c->link().down());
    EXPECT_EQ(c->link().consecutive_failures, 2);
    EXPECT_NE(c->link().last_error.find("HTTP 502"), std::string::npos) << c->link().last_error;
    mo_in("WH/MO/00101", "done");
    auto refused = run_on(io, c->cancel("WH/MO/00101"));
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, Errc::refused);
    EXPECT_FALSE(c->link().down()) << "Odoo answered: it is up, the call is what failed";
    EXPECT_TRUE(c->link().last_ok.has_value());
}

TEST_F(OdooClientTest, MalformedAndTruncatedJsonAreTransient) {
    auto c = client();
    ASSERT_TRUE(run_on(io, c->login()).ok());
    odoo.sim.set_faults({.malformed_json = 1});
    auto malformed = run_on(io, c->mo_detail("WH/MO/00001"));
    ASSERT_FALSE(malformed.ok());
    EXPECT_EQ(malformed.error().code, Errc::transient);
    EXPECT_NE(malformed.error().message().find("malformed or truncated JSON"), std::string::npos);

    odoo.sim.set_faults({.truncate = 1});
    auto truncated = run_on(io, c->mo_detail("WH/MO/00001"));
    ASSERT_FALSE(truncated.ok());
    EXPECT_EQ(truncated.error().code, Errc::transient) << truncated.error().message();
    EXPECT_TRUE(run_on(io, c->mo_detail("WH/MO/00001")).ok()) << "a fresh connection afterwards";
}

TEST_F(OdooClientTest, ATimeoutAfterOdooAppliedTheCancelIsTransientAndTheRetryIsAlreadyCancelled) {
    auto c = client("admin", 300ms);
    ASSERT_TRUE(run_on(io, c->login()).ok());
    odoo.sim.set_faults({.delay_count = 1, .delay = 1000ms});
    auto late = run_on(io, c->cancel("WH/MO/00002"));
    ASSERT_FALSE(late.ok());
    EXPECT_EQ(late.error().code, Errc::transient);
    EXPECT_NE(late.error().message().find("timed out"), std::string::npos) << late.error().message();
    EXPECT_EQ(odoo.sim.mo("WH/MO/00002")->state, "cancel") << "Odoo applied it anyway";
    auto retry = run_on(io, c->cancel("WH/MO/00002"));
    ASSERT_TRUE(retry.ok()) << retry.error().message();
    EXPECT_TRUE(retry->already_cancelled) << "the retry is harmless";
}

TEST_F(OdooClientTest, ListingSendsTheStatesAndParsesComponents) {
    auto c = client();
    mo_in("WH/MO/00200", "progress");
    auto confirmed = run_on(io, c->list_mos({"confirmed"}, 50, 0));
    ASSERT_TRUE(confirmed.ok());
    EXPECT_EQ(confirmed->size(), 3U);
    auto both = run_on(io, c->list_mos({"confirmed", "progress"}, 50, 0));
    ASSERT_TRUE(both.ok());
    EXPECT_EQ(both->size(), 4U);
    const Mo& first = confirmed->front();
    EXPECT_EQ(first.mo_id, "WH/MO/00001");
    // Made from the plant's WH/MO/00011: [10092] JF SAPOT 1B on BoM 70, its eleven lines as Odoo lists them.
    EXPECT_EQ(first.product_name, "[10092] JF SAPOT 1B");
    EXPECT_EQ(first.bom_id, 70);
    EXPECT_EQ(first.uom, "kg");
    ASSERT_EQ(first.components.size(), 11U);
    EXPECT_EQ(first.components[0].product_name, "[40025] POLLAR ANGSA");
    EXPECT_EQ(first.components[0].product_id, 895);
    EXPECT_EQ(first.components[0].to_consume, (Decimal{300, 1}));
    EXPECT_EQ(first.components[0].equipment_code, "silo103");
    EXPECT_EQ(first.components.back().equipment_code, "PLC01");
    const auto calls = odoo.sim.calls();
    EXPECT_NE(
        std::find_if(calls.begin(), calls.end(),
                     [](const std::string& s) { return s.find("\"states\":[\"confirmed\"]") != std::string::npos; }),
        calls.end())
        << "states are always sent explicitly";
    auto unknown = run_on(io, c->mo_detail("WH/MO/99999"));
    EXPECT_EQ(unknown.error().code, Errc::not_found);
}

TEST_F(OdooClientTest, ABomIsReadByIdAndAnUnknownOrArchivedOneIsNotFound) {
    // grt_scada's POST /api/scada/boms answers a plain list; Odoo's result is that list as it is.
    auto c = client();
    auto bom = run_on(io, c->bom(70));
    ASSERT_TRUE(bom.ok()) << bom.error().message();
    EXPECT_EQ(bom->bom_id, 70);
    EXPECT_EQ(bom->product_qty, (Decimal{1000, 1}));
    EXPECT_EQ(bom->uom, "kg");
    ASSERT_EQ(bom->components.size(), 11U);
    EXPECT_EQ(bom->components[0].product_id, 895);
    EXPECT_EQ(bom->components[0].quantity, (Decimal{300, 1}));
    sim::SimBom archived;
    archived.bom_id = 71;
    archived.active = false;
    odoo.sim.put_bom(archived);
    for (std::int64_t id : {std::int64_t{71}, std::int64_t{9999}}) {
        auto missing = run_on(io, c->bom(id));
        ASSERT_FALSE(missing.ok());
        EXPECT_EQ(missing.error().code, Errc::not_found) << missing.error().message();
    }
}

TEST(OdooBoms, EveryShapeTheModuleAnswersIsUnderstood) {
    auto list = boms_from_result(Json::parse(
        R"([{"bom_id": 12, "bom_code": null, "product_qty": 1000.0, "uom": "kg", "type": "normal",
             "components": [{"product_id": 885, "product_name": "[40005] PKE PELLET", "quantity": 77.2, "uom": "kg"},
                            {"product_id": 5, "product_name": "RUMIGOLD", "quantity": 1.0, "uom": null}]}])"));
    ASSERT_TRUE(list.ok()) << list.error().message();
    ASSERT_EQ(list->size(), 1U);
    EXPECT_EQ(list->front().components[0].quantity, (Decimal{772, 10}));
    EXPECT_EQ(list->front().components[1].uom, "") << "an unset unit is null";
    auto empty = boms_from_result(Json::array());
    ASSERT_TRUE(empty.ok());
    EXPECT_TRUE(empty->empty());
    // The module's catch-all: {"status": "error", "message": str(e)}.
    auto invalid = boms_from_result(Json::parse(R"({"status": "error", "message": "Invalid bom_id"})"));
    ASSERT_FALSE(invalid.ok());
    EXPECT_EQ(invalid.error().detail, "Invalid bom_id");
    auto odd = boms_from_result(Json::parse(R"([{"bom_id": 3}])"));
    ASSERT_FALSE(odd.ok()) << "a BoM without a quantity cannot scale anything";
}

TEST_F(OdooClientTest, ConsumptionUpdatesReplaceAndReportItemErrors) {
    auto c = client();
    mo_in("WH/MO/00300", "confirmed");
    const std::vector<std::pair<std::string, Decimal>> amounts = {{"silo101", Decimal{20512, 100}},
                                                                  {"silo102", Decimal{10000, 100}}};
    auto first = run_on(io, c->update_consumptions("WH/MO/00300", Decimal{98550, 100}, amounts));
    ASSERT_TRUE(first.ok()) << first.error().message();
    EXPECT_FALSE(first->partial());
    EXPECT_EQ(first->mo_state, "progress");
    auto again = run_on(io, c->update_consumptions("WH/MO/00300", Decimal{98550, 100}, amounts));
    ASSERT_TRUE(again.ok());
    EXPECT_DOUBLE_EQ(odoo.sim.mo("WH/MO/00300")->components[0].consumed, 205.12) << "replace, not add";

    auto partial =
        run_on(io, c->update_consumptions("WH/MO/00300", std::nullopt,
                                          {{"silo999", Decimal{1000, 100}}, {"silo106", Decimal{1000, 100}}}));
    ASSERT_TRUE(partial.ok());
    ASSERT_TRUE(partial->partial());
    EXPECT_EQ(partial->errors[0], "silo106: No raw material move found for this equipment");
    EXPECT_EQ(partial->errors[1], "silo999: Equipment not found");

    mo_in("WH/MO/00301", "done");
    auto refused = run_on(io, c->update_consumptions("WH/MO/00301", std::nullopt, amounts));
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, Errc::refused);
    EXPECT_EQ(refused.error().detail, "Cannot update MO \"WH/MO/00301\" in state \"done\"");
}

TEST_F(OdooClientTest, MarkDoneIsCheckedByReadingTheStateBack) {
    auto c = client();
    mo_in("WH/MO/00400", "confirmed");
    ASSERT_TRUE(run_on(io, c->update_consumptions("WH/MO/00400", Decimal{100000, 100}, {})).ok());
    odoo.sim.set_faults({.mark_done_false_success = true});
    auto wizard = run_on(io, c->mark_done("WH/MO/00400", Decimal{100000, 100}));
    ASSERT_TRUE(wizard.ok());
    EXPECT_FALSE(wizard->done()) << "Odoo said success but stopped at a wizard";
    EXPECT_EQ(wizard->mo_state, "to_close");
    odoo.sim.set_faults({});
    auto done = run_on(io, c->mark_done("WH/MO/00400", Decimal{100000, 100}));
    ASSERT_TRUE(done.ok());
    EXPECT_TRUE(done->done());
    auto twice = run_on(io, c->mark_done("WH/MO/00400", Decimal{100000, 100}));
    ASSERT_FALSE(twice.ok());
    EXPECT_EQ(twice.error().detail, "No finished product move found for this MO");
}

TEST_F(OdooClientTest, EquipmentFailuresAreReported) {
    auto c = client();
    auto ok = run_on(io, c->report_equipment_failure("silo101", "START_FAILURE", "2026-02-23 20:22:35"));
    ASSERT_TRUE(ok.ok()) << ok.error().message();
    EXPECT_GT(*ok, 0);
    auto unknown = run_on(io, c->report_equipment_failure("silo999", "START_FAILURE", "2026-02-23 20:22:35"));
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(unknown.error().detail, "Equipment \"silo999\" not found");
}

TEST_F(OdooClientTest, AnUnreachableOdooIsTransientAndABadUrlIsRefused) {
    OdooOptions o{"http://127.0.0.1:1", "odoo14", "admin", "admin", 500ms};
    auto c = OdooClient::create(io.get_executor(), o).value();
    auto r = run_on(io, c->login());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, Errc::transient);
    OdooOptions https{"https://erp.example.com", "odoo14", "admin", "", 500ms};
    EXPECT_TRUE(OdooClient::create(io.get_executor(), https).ok())
        << "https is a client of its own now (odoo_tls_test)";
    OdooOptions ftp{"ftp://x", "odoo14", "admin", "", 500ms};
    EXPECT_FALSE(OdooClient::create(io.get_executor(), ftp).ok());
}

TEST_F(OdooClientTest, TheControlApiLoadsMosAndReadsBackStatesCallsAndFaults) {
    HttpClient http(io.get_executor(), {"127.0.0.1", odoo.port, "", false}, nullptr, true, 2000ms, 1 << 20);
    auto loaded = run_on(io, http.post_json("/_sim/mos", R"({"mos": [{"mo_id": "WH/MO/00777", "quantity": 500,
        "components": [{"product_name": "PKE", "to_consume": 100, "equipment": "silo101"}]}]})",
                                            std::nullopt));
    ASSERT_TRUE(loaded.ok());
    EXPECT_EQ(loaded->status, 200U);
    auto c = client();
    ASSERT_TRUE(run_on(io, c->cancel("WH/MO/00777")).ok());

    auto mos = run_on(io, http.post_json("/_sim/mos", "", std::nullopt, true));
    ASSERT_TRUE(mos.ok());
    auto listed = parse_envelope(R"({"result": )" + mos->body + "}");
    ASSERT_TRUE(listed.ok());
    const auto& all = (*listed->result)["mos"];
    auto it = std::find_if(all.begin(), all.end(), [](const Json& m) { return m["mo_id"] == "WH/MO/00777"; });
    ASSERT_NE(it, all.end());
    EXPECT_EQ((*it)["state"], "cancel");

    auto calls = run_on(io, http.post_json("/_sim/calls", "", std::nullopt, true));
    ASSERT_TRUE(calls.ok());
    EXPECT_NE(calls->body.find("/api/scada/mo/cancel {\\\"mo_id\\\":\\\"WH/MO/00777\\\"}"), std::string::npos)
        << calls->body;
    EXPECT_NE(calls->body.find("\\\"password\\\":\\\"***\\\""), std::string::npos) << "the log hides the password";

    ASSERT_TRUE(run_on(io, http.post_json("/_sim/faults", R"({"proxy_error": 1})", std::nullopt)).ok());
    EXPECT_EQ(run_on(io, c->mo_detail("WH/MO/00777")).error().code, Errc::transient);
    ASSERT_TRUE(run_on(io, http.post_json("/_sim/expire-sessions", "{}", std::nullopt)).ok());
    ASSERT_TRUE(run_on(io, c->mo_detail("WH/MO/00777")).ok());
    EXPECT_EQ(c->stats().relogins, 1U);
}

TEST(OdooCapture, TheRealMoListParsesAndMapsComponentsToThePlantsEquipment) {
    const char* dir = std::getenv("PLCBRIDGE_TEST_DATA");
    std::ifstream in(std::string(dir ? dir : "tests/data") + "/odoo/mo_list_detailed_response.json");
    ASSERT_TRUE(in);
    std::stringstream text;
    text << in.rdbuf();
    auto envelope = parse_envelope(text.str());
    ASSERT_TRUE(envelope.ok());
    ASSERT_TRUE(envelope->result.has_value());
    auto mos = mos_from_result(*envelope->result);
    ASSERT_TRUE(mos.ok()) << mos.error().message();
    ASSERT_EQ(mos->size(), 10U);
    EXPECT_EQ(mos->front().mo_id, "WH/MO/00011");
    EXPECT_EQ(mos->front().quantity, (Decimal{100000, 100}));
    // The MO's own equipment says which line makes it (docs/LINES.md): the plant's list has eight
    // MOs on PLC01 and two with none.
    const auto on_plc01 = std::count_if(
        mos->begin(), mos->end(), [](const Mo& m) { return m.equipment_code == std::optional<std::string>("PLC01"); });
    const auto without = std::count_if(mos->begin(), mos->end(), [](const Mo& m) { return !m.equipment_code; });
    EXPECT_EQ(on_plc01, 8);
    EXPECT_EQ(without, 2);
    int plant = 0;
    int elsewhere = 0;
    for (const Mo& mo : *mos) {
        for (const Component& c : mo.components) {
            const std::string code = c.equipment_code.value_or("");
            const bool on_plant = (code.starts_with("silo") && code.size() == 7) || code == "lq114" || code == "lq115";
            on_plant ? ++plant : ++elsewhere;
            if (!on_plant) {
                EXPECT_FALSE(c.product_name.empty()) << "an additive elsewhere is still reported by name";
            }
        }
    }
    EXPECT_GT(plant, 50);
    EXPECT_GT(elsewhere, 0) << "additives on other equipment are kept, not dropped";
}

}  // namespace
}  // namespace plcbridge::odoo
