#include <gtest/gtest.h>

#include <thread>

#include "plcbridge/core/metrics.hpp"

namespace plcbridge::metrics {
namespace {

TEST(Metrics, ACounterFamilyIsWrittenWithHelpTypeAndEscapedLabels) {
    LabelledCounters calls;
    calls.add({"/api/scada/mo/cancel", "ok"});
    calls.add({"/api/scada/mo/cancel", "ok"}, 2);
    calls.add({"say \"hi\"\\\n", "x"});
    Exposition out;
    out.family("plcbridge_odoo_calls_total", "counter", "Odoo calls by endpoint and outcome.");
    const std::string_view names[] = {"endpoint", "outcome"};
    for (const auto& [labels, value] : calls.values())
        out.sample("plcbridge_odoo_calls_total", names, labels, static_cast<double>(value));
    EXPECT_EQ(out.text(),
              "# HELP plcbridge_odoo_calls_total Odoo calls by endpoint and outcome.\n"
              "# TYPE plcbridge_odoo_calls_total counter\n"
              "plcbridge_odoo_calls_total{endpoint=\"/api/scada/mo/cancel\",outcome=\"ok\"} 3\n"
              "plcbridge_odoo_calls_total{endpoint=\"say \\\"hi\\\"\\\\\\n\",outcome=\"x\"} 1\n");
}

TEST(Metrics, AHistogramHasCumulativeBucketsInfSumAndCount) {
    Histogram h({0.01, 0.1, 1});
    h.observe(0.005);
    h.observe(0.05);
    h.observe(0.05);
    h.observe(7.0);
    h.observe(0.1);  // on a bound: counted in that bucket (le = less or equal)
    Exposition out;
    out.histogram("x_seconds", {}, {}, h.bounds(), h.data());
    EXPECT_EQ(out.text(),
              "x_seconds_bucket{le=\"0.01\"} 1\n"
              "x_seconds_bucket{le=\"0.1\"} 4\n"
              "x_seconds_bucket{le=\"1\"} 4\n"
              "x_seconds_bucket{le=\"+Inf\"} 5\n"
              "x_seconds_sum 7.205\n"
              "x_seconds_count 5\n");
}

TEST(Metrics, LabelledHistogramsKeepOnePerLabelSet) {
    LabelledHistograms h({0.5});
    h.observe({"/a"}, std::chrono::milliseconds(100));
    h.observe({"/b"}, std::chrono::seconds(2));
    const auto values = h.values();
    ASSERT_EQ(values.size(), 2U);
    EXPECT_EQ(values.at({"/a"}).counts, (std::vector<std::uint64_t>{1, 0}));
    EXPECT_EQ(values.at({"/b"}).counts, (std::vector<std::uint64_t>{0, 1}));
}

TEST(Metrics, CountersTakeUpdatesFromSeveralThreads) {
    Counter c;
    LabelledCounters l;
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&] {
            for (int i = 0; i < 1000; ++i) {
                c.add();
                l.add({"x"});
            }
        });
    for (auto& t : threads)
        t.join();
    EXPECT_EQ(c.value(), 4000U);
    EXPECT_EQ(l.values().at({"x"}), 4000U);
}

TEST(MetricsMerge, EachFamilyOnceWithEveryLinesSamplesLabelled) {
    const std::string one =
        "# HELP plcbridge_plc_cycles_total Task-2 cycles run.\n# TYPE plcbridge_plc_cycles_total counter\n"
        "plcbridge_plc_cycles_total 7\n"
        "# HELP plcbridge_jobs Jobs.\n# TYPE plcbridge_jobs gauge\nplcbridge_jobs{kind=\"cancel\",state=\"pending\"} "
        "1\n";
    const std::string two =
        "# HELP plcbridge_plc_cycles_total Task-2 cycles run.\n# TYPE plcbridge_plc_cycles_total counter\n"
        "plcbridge_plc_cycles_total 9\n"
        "# HELP plcbridge_jobs Jobs.\n# TYPE plcbridge_jobs gauge\n";
    const LabelledExposition parts[] = {{"1", one}, {"2", two}};
    EXPECT_EQ(merge_with_label("line", parts),
              "# HELP plcbridge_plc_cycles_total Task-2 cycles run.\n# TYPE plcbridge_plc_cycles_total counter\n"
              "plcbridge_plc_cycles_total{line=\"1\"} 7\nplcbridge_plc_cycles_total{line=\"2\"} 9\n"
              "# HELP plcbridge_jobs Jobs.\n# TYPE plcbridge_jobs gauge\n"
              "plcbridge_jobs{line=\"1\",kind=\"cancel\",state=\"pending\"} 1\n");
}

}  // namespace
}  // namespace plcbridge::metrics
