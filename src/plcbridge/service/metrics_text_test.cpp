#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <sstream>

#include "plcbridge/service/metrics_text.hpp"

namespace plcbridge::service {
namespace {

TEST(MetricsText, EveryFamilyHasHelpAndTypeAndEverySampleBelongsToADeclaredFamily) {
    metrics::PlantMetrics m;
    m.fins_round_trip.observe(std::chrono::milliseconds(3));
    m.fins_errors.add({"0x1103"});
    m.plc_cycle.observe(std::chrono::milliseconds(12));
    m.plc_cycles.add();
    m.plc_cycle_commands.add();
    m.odoo_calls.add({"/api/scada/mo/cancel", "ok"});
    m.odoo_call_seconds.observe({"/api/scada/mo/cancel"}, std::chrono::milliseconds(40));
    HealthReport h;
    const auto now = WallClock::now();
    h.plc.link.last_ok = now - std::chrono::seconds(3);
    h.job_tallies = {{"cancel", "pending", 2}};
    h.batch_totals = store::BatchTotals{10, 5, 1, 2};
    const std::string text = metrics_text(m, h, now);

    std::map<std::string, std::string> types;
    std::set<std::string> helped;
    const std::regex sample(R"(^([a-z_]+)(\{[^}]*\})? (\S+)$)");
    std::stringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        std::smatch match;
        if (line.starts_with("# HELP ")) {
            helped.insert(line.substr(7, line.find(' ', 7) - 7));
        } else if (line.starts_with("# TYPE ")) {
            const auto name_end = line.find(' ', 7);
            types[line.substr(7, name_end - 7)] = line.substr(name_end + 1);
        } else {
            ASSERT_TRUE(std::regex_match(line, match, sample)) << line;
            std::string family = match[1].str();
            for (const char* suffix : {"_bucket", "_sum", "_count"})
                if (!types.contains(family) && family.ends_with(suffix))
                    family = family.substr(0, family.size() - std::string_view(suffix).size());
            ASSERT_TRUE(types.contains(family)) << "sample of an undeclared family: " << line;
        }
    }
    for (const auto& [name, type] : types)
        EXPECT_TRUE(helped.contains(name)) << name;
    EXPECT_EQ(types["plcbridge_fins_round_trip_seconds"], "histogram");
    EXPECT_EQ(types["plcbridge_fins_errors_total"], "counter");
    EXPECT_EQ(types["plcbridge_plc_cycle_seconds"], "histogram");
    EXPECT_EQ(types["plcbridge_plc_cycle_overruns_total"], "counter");
    EXPECT_EQ(types["plcbridge_plc_last_cycle_commands"], "gauge");
    EXPECT_EQ(types["plcbridge_odoo_calls_total"], "counter");
    EXPECT_EQ(types["plcbridge_odoo_call_seconds"], "histogram");
    EXPECT_EQ(types["plcbridge_jobs"], "gauge");
    EXPECT_EQ(types["plcbridge_batches_total"], "counter");
    EXPECT_EQ(types["plcbridge_plc_seconds_since_last_good_read"], "gauge");

    EXPECT_NE(text.find("plcbridge_fins_errors_total{code=\"0x1103\"} 1\n"), std::string::npos);
    EXPECT_NE(text.find("plcbridge_odoo_calls_total{endpoint=\"/api/scada/mo/cancel\",outcome=\"ok\"} 1\n"),
              std::string::npos);
    EXPECT_NE(text.find("plcbridge_jobs{kind=\"cancel\",state=\"pending\"} 2\n"), std::string::npos);
    EXPECT_NE(text.find("plcbridge_batches_total{event=\"queued\"} 18\n"), std::string::npos)
        << "active + every archived one";
    EXPECT_NE(text.find("plcbridge_batches_total{event=\"cancelled_auto\"} 1\n"), std::string::npos);
    EXPECT_NE(text.find("plcbridge_plc_seconds_since_last_good_read 3\n"), std::string::npos) << text;
}

TEST(MetricsText, AStandbySaysItDoesNotLeadAndTheLinesEpoch) {
    HealthReport h;
    EXPECT_NE(metrics_text(metrics::PlantMetrics{}, h, WallClock::now()).find("plcbridge_line_leading 1\n"),
              std::string::npos)
        << "alone on SQLite it always leads";
    store::LeadershipView standby;
    store::LineLeadership db;
    db.leader = store::LeaseHolder{"pc-a api 0.0.0.0:8000 node 11", 7, {}, {}};
    standby.database = db;
    h.leadership = standby;
    const std::string text = metrics_text(metrics::PlantMetrics{}, h, WallClock::now());
    EXPECT_NE(text.find("plcbridge_line_leading 0\n"), std::string::npos) << text;
    EXPECT_NE(text.find("plcbridge_line_epoch 7\n"), std::string::npos) << text;
}

TEST(MetricsText, BeforeTheFirstReadAndTheFirstStoreCheckNothingIsInvented) {
    const std::string text = metrics_text(metrics::PlantMetrics{}, HealthReport{}, WallClock::now());
    EXPECT_NE(text.find("plcbridge_plc_seconds_since_last_good_read NaN\n"), std::string::npos);
    EXPECT_EQ(text.find("plcbridge_batches_total"), std::string::npos) << "no totals until the database answered";
}

}  // namespace
}  // namespace plcbridge::service
