// Task 5 on real parts: the PLC simulator's failure area (FINS/UDP), SQLite, the Odoo simulator.
// An event is stored, acknowledged, reported once; the same event is never stored twice; Odoo down
// is retried; an area that does not decode is never acknowledged.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "plcbridge/memory_map/default_maps.hpp"
#include "plcbridge/tasks/equipment_failure_monitor.hpp"
#include "support/memory_logger.hpp"
#include "support/odoo_sim_thread.hpp"
#include "support/sim_fixture.hpp"
#include "support/store_fixture.hpp"
#include "support/test_clients.hpp"

namespace plcbridge::tasks {
namespace {

using namespace std::chrono_literals;
using plcbridge::Decimal;
using testing::run_on;

const store::TimePoint kT0 = store::TimePoint(std::chrono::seconds(1'795'000'000));
constexpr fins::Area kDm = fins::Area::dm;

class EquipmentFailureTest : public ::testing::Test {
  protected:
    EquipmentFailureTest() : area(memory_map::load_area(memory_map::AreaKind::failure, "", 1, 1).value()) {
        db = std::make_unique<store::DbWorker>(
            testing::open_repository(testing::fresh_database(testing::StoreBackend::sqlite)));
        client = testing::loopback_plc_client(io, sim.port);
        odoo_client = testing::loopback_odoo_client(io, odoo.port);
        monitor = std::make_unique<EquipmentFailureMonitor>(
            *client, *db, *odoo_client, area, log, EquipmentFailureSettings{{"test", 60s, 20, {5s, 300s}, {}}, {}});
    }
    /// The PLC records a failure in D8000-D8022.
    void plc_reports(const std::string& code, const std::string& info, int minute) {
        const std::vector<std::pair<std::string, memory_map::Value>> values = {
            {"equipment_code", code},       {"info", info},
            {"year", Decimal{2026, 1}},     {"month", Decimal{11, 1}},
            {"day", Decimal{28, 1}},        {"hour", Decimal{16, 1}},
            {"minute", Decimal{minute, 1}}, {"second", Decimal{5, 1}},
            {"status_read_data", false}};
        sim.plc.set_words(kDm, 8000, area.encode_slot(1, values).value());
    }
    int odoo_reports() const {
        int n = 0;
        for (const auto& c : odoo.sim.calls())
            n += c.starts_with("/api/scada/equipment-failure ") ? 1 : 0;
        return n;
    }

    testing::SimThread sim;
    testing::OdooSimThread odoo;
    boost::asio::io_context io;
    memory_map::SlotArea area;
    std::unique_ptr<store::DbWorker> db;
    std::unique_ptr<plc::PlcClient> client;
    std::unique_ptr<odoo::OdooClient> odoo_client;
    testing::MemoryLogger log;
    std::unique_ptr<EquipmentFailureMonitor> monitor;
};

TEST_F(EquipmentFailureTest, AnEventIsStoredThenAcknowledgedThenReportedOnce) {
    plc_reports("silo104", "MOTOR_OVERLOAD", 30);
    EXPECT_TRUE(run_on(io, monitor->read_once(kT0)));
    EXPECT_EQ(sim.plc.word(kDm, 8022), 1) << "acknowledged after storing";
    EXPECT_EQ(odoo_reports(), 0) << "reported from the job table, not inline";
    EXPECT_EQ(run_on(io, monitor->report_once(kT0)), 1);
    EXPECT_EQ(odoo_reports(), 1);
    EXPECT_EQ(run_on(io, monitor->report_once(kT0 + 1s)), 0) << "reported once";
    EXPECT_FALSE(run_on(io, monitor->read_once(kT0 + 5s))) << "acknowledged: nothing new";
    EXPECT_EQ(log.lines().back(), "[INFO] ✓ Equipment failure silo104 MOTOR_OVERLOAD reported to Odoo");
}

TEST_F(EquipmentFailureTest, TheSameEventSeenAgainBeforeTheAckIsNotStoredTwice) {
    plc_reports("silo104", "MOTOR_OVERLOAD", 30);
    EXPECT_TRUE(run_on(io, monitor->read_once(kT0)));
    sim.plc.set_word(kDm, 8022, 0);  // as if the acknowledgement had been lost
    EXPECT_FALSE(run_on(io, monitor->read_once(kT0 + 5s)));
    EXPECT_EQ(run_on(io, monitor->report_once(kT0 + 5s)), 1);
    EXPECT_EQ(run_on(io, monitor->report_once(kT0 + 6s)), 0);
    EXPECT_EQ(odoo_reports(), 1);
    plc_reports("silo104", "MOTOR_OVERLOAD", 45);  // a new event at another time
    EXPECT_TRUE(run_on(io, monitor->read_once(kT0 + 10s)));
}

TEST_F(EquipmentFailureTest, OdooDownIsRetriedWithBackoff) {
    plc_reports("lq114", "VALVE_STUCK", 10);
    ASSERT_TRUE(run_on(io, monitor->read_once(kT0)));
    sim::OdooFaults down;
    down.proxy_error = 1;
    odoo.sim.set_faults(down);
    EXPECT_EQ(run_on(io, monitor->report_once(kT0)), 1);
    EXPECT_EQ(run_on(io, monitor->report_once(kT0 + 1s)), 0) << "waits out the backoff";
    EXPECT_EQ(run_on(io, monitor->report_once(kT0 + 5s)), 1);
    EXPECT_EQ(run_on(io, monitor->report_once(kT0 + 1h)), 0);
}

TEST_F(EquipmentFailureTest, AnAreaThatDoesNotDecodeIsReportedOnceAndNeverAcknowledged) {
    plc_reports("silo104", "MOTOR_OVERLOAD", 30);
    sim.plc.set_word(kDm, 8017, 0x0013);  // month 13 in BCD
    EXPECT_FALSE(run_on(io, monitor->read_once(kT0)));
    EXPECT_FALSE(run_on(io, monitor->read_once(kT0 + 5s)));
    EXPECT_EQ(sim.plc.word(kDm, 8022), 0);
    int warnings = 0;
    for (const auto& l : log.lines())
        warnings += l.find("equipment-failure area does not decode") != std::string::npos ? 1 : 0;
    EXPECT_EQ(warnings, 1);
}

TEST_F(EquipmentFailureTest, ThePlantsLocalTimeIsStoredAndSentAsUtc) {
    EquipmentFailureSettings jakarta{{"test", 60s, 20, {5s, 300s}, {}}, {}};
    jakarta.plant_zone = TimeZone::load("Asia/Jakarta").value();
    EquipmentFailureMonitor local(*client, *db, *odoo_client, area, log, jakarta);
    plc_reports("silo104", "MOTOR_OVERLOAD", 30);  // 2026-11-28 16:30:05 on the plant's clock (UTC+7)
    ASSERT_TRUE(run_on(io, local.read_once(kT0)));
    ASSERT_EQ(run_on(io, local.report_once(kT0)), 1);
    const auto sent = odoo.sim.failures();
    ASSERT_EQ(sent.size(), 1U);
    EXPECT_EQ(sent[0].date, "2026-11-28T09:30:05") << "Odoo stores naive UTC";
    // Stored at 09:30:05 UTC: the same event at that time is a duplicate of what is in the table.
    const store::EquipmentFailure same{
        "silo104", "MOTOR_OVERLOAD",
        store::TimePoint(std::chrono::sys_days{std::chrono::year{2026} / 11 / 28} + std::chrono::hours{9} +
                         std::chrono::minutes{30} + std::chrono::seconds{5})};
    auto again = run_on(io, db->run([&](store::Repository& r) { return r.insert_equipment_failure(same, kT0); }));
    ASSERT_TRUE(again.ok());
    EXPECT_FALSE(again->has_value()) << "stored at the UTC instant, not at the plant's wall-clock time";
}

TEST_F(EquipmentFailureTest, AReportWhoseAnswerWasLostIsLookedUpAndNeverSentTwice) {
    plc_reports("silo104", "MOTOR_OVERLOAD", 30);
    ASSERT_TRUE(run_on(io, monitor->read_once(kT0)));
    auto short_client = testing::loopback_odoo_client(io, odoo.port, 500ms);
    ASSERT_TRUE(run_on(io, short_client->login()).ok());
    sim::OdooFaults slow;
    slow.delay_count = 1;
    slow.delay = 3s;  // Odoo creates the record, the answer comes after the client gave up
    odoo.sim.set_faults(slow);
    EquipmentFailureMonitor impatient(*client, *db, *short_client, area, log,
                                      EquipmentFailureSettings{{"test", 60s, 20, {5s, 300s}, {}}, {}});
    EXPECT_EQ(run_on(io, impatient.report_once(kT0)), 1);
    EXPECT_EQ(odoo.sim.failures().size(), 1U) << "Odoo has it, we do not know";

    std::this_thread::sleep_for(3s);  // the late answer is gone
    EXPECT_EQ(run_on(io, monitor->report_once(kT0 + 10s)), 1);
    EXPECT_EQ(odoo.sim.failures().size(), 1U) << "looked up, found, not sent again";
    EXPECT_EQ(odoo_reports(), 1);
    EXPECT_EQ(run_on(io, monitor->report_once(kT0 + 1h)), 0) << "the job is done";
    const auto lines = log.lines();
    EXPECT_NE(std::find_if(
                  lines.begin(), lines.end(),
                  [](const std::string& l) { return l.find("was already in Odoo (record 1)") != std::string::npos; }),
              lines.end());
}

}  // namespace
}  // namespace plcbridge::tasks
