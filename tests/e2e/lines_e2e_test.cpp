// Several lines in one deployment (docs/LINES.md), through the real binary: two simulated PLCs,
// one Odoo whose MOs carry their line's equipment code, one database.
#include "e2e/service_e2e_fixture.hpp"

namespace plcbridge::e2e {
namespace {

// Each line queues its own MOs on its own PLC and ends them on its own: six MOs on PLC01 (slot 3
// fails on that PLC), six on PLC02; every MO ends once, on its line, in the state its PLC said.
TEST_P(ServiceE2E, TwoLinesEachRunTheirOwnMosOnTheirOwnPlc) {
    testing::SimThread plc2;
    odoo.sim.generate(6, 1);
    odoo.sim.generate(6, 101);
    make_on(*this, 1, 6, "PLC01");
    make_on(*this, 101, 6, "PLC02");
    start_batch_program(3, 100ms);
    std::optional<BatchProgram> program2(std::in_place, plc2.plc, 0, 100ms);
    start_service(two_lines(plc2.port));
    const bool all_done = wait_until([&] { return every_line_history(*this).size() == 12; }, 120s);
    program2.reset();
    ASSERT_TRUE(all_done) << service->output();

    for (const store::History& h : every_line_history(*this)) {
        const int n = std::stoi(h.mo_id.substr(6));
        EXPECT_EQ(h.line, n < 100 ? 1 : 2) << h.mo_id << " ended on the other line";
        const auto mo = odoo.sim.mo(h.mo_id).value();
        EXPECT_EQ(h.status, h.mo_id == "WH/MO/00003" ? "cancelled" : "completed") << h.mo_id;
        EXPECT_EQ(mo.state, h.mo_id == "WH/MO/00003" ? "cancel" : "done") << h.mo_id;
    }
    // Each MO went to its own line's PLC once, and the log says which line.
    for (int n : {1, 2, 3, 4, 5, 6})
        EXPECT_EQ(count_lines(fmt::format("Mixer 1: Queued batch #{} (MO: {}) to the PLC", n, mo_name(n))), 1);
    for (int n = 101; n <= 106; ++n)
        EXPECT_EQ(count_lines(fmt::format("line 2: Queued batch #{} (MO: {}) to the PLC", n - 100, mo_name(n))), 1);
    for (const std::string& l : log_lines()) {
        const bool queued_on_line1 = l.find("Mixer 1: Queued batch") != std::string::npos;
        EXPECT_FALSE(queued_on_line1 && l.find("(MO: WH/MO/0010") != std::string::npos) << l;
    }

    // The API by line: each line's rows, all of them without ?line, an unknown line refused.
    const auto line2 = http_call(api, "GET", "/api/histories?line=2", "", kToken).json();
    ASSERT_EQ(line2["histories"].size(), 6U) << line2.dump();
    for (const auto& h : line2["histories"])
        EXPECT_EQ(h["line"], 2);
    EXPECT_EQ(http_call(api, "GET", "/api/histories", "", kToken).json()["histories"].size(), 12U);
    const auto unknown = http_call(api, "GET", "/api/batches?line=7", "", kToken);
    EXPECT_EQ(unknown.status, 404);
    EXPECT_EQ(unknown.json()["error"], "unknown_line");
    const auto health = http_call(api, "GET", "/api/health", "", "").json();
    ASSERT_EQ(health["lines"].size(), 2U) << health.dump();
    EXPECT_EQ(health["lines"][1]["name"], "line 2");
    const std::string metrics = http_call(api, "GET", "/metrics", "", "").body;
    EXPECT_NE(metrics.find("plcbridge_plc_cycles_total{line=\"1\"}"), std::string::npos) << metrics;
    EXPECT_NE(metrics.find("plcbridge_plc_cycles_total{line=\"2\"}"), std::string::npos);
    EXPECT_EQ(metrics.find("# TYPE plcbridge_plc_cycles_total counter\n# TYPE"), std::string::npos);
    // A Task-2 cycle still costs each line one FINS command.
    EXPECT_NE(metrics.find("plcbridge_plc_last_cycle_commands{line=\"2\"} 1\n"), std::string::npos);
}

// A line whose PLC never answers holds nobody else up: line 1 runs its MOs to the end while
// line 2's PLC is unplugged, and health says which line is not well.
TEST_P(ServiceE2E, LinesAreIndependentAnUnpluggedPlcHoldsNoOtherLine) {
    std::uint16_t dead_port = 0;
    {
        testing::SimThread gone;  // a loopback port nobody answers on once it is stopped
        dead_port = gone.port;
    }
    odoo.sim.generate(6, 1);
    odoo.sim.generate(2, 101);
    make_on(*this, 1, 6, "PLC01");
    make_on(*this, 101, 2, "PLC02");
    start_batch_program(3, 100ms);
    start_service(two_lines(dead_port));
    ASSERT_TRUE(wait_until([&] { return every_line_history(*this).size() == 6; }, 120s)) << service->output();
    for (const store::History& h : every_line_history(*this))
        EXPECT_EQ(h.line, 1) << h.mo_id;
    const auto line2 = http_call(api, "GET", "/api/health?line=2", "", "").json();
    EXPECT_EQ(line2["status"], "degraded") << line2.dump();
    EXPECT_EQ(line2["line_id"], 2);
    EXPECT_EQ(http_call(api, "GET", "/api/health?line=1", "", "").json()["status"], "ok");
    EXPECT_EQ(http_call(api, "GET", "/api/health", "", "").json()["status"], "degraded")
        << "without ?line health is the worst line's";
    EXPECT_TRUE(odoo.sim.mo(mo_name(101))->state == "confirmed") << "line 2's MOs wait for their PLC";
}

}  // namespace
}  // namespace plcbridge::e2e
