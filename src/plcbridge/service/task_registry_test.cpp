#include <gtest/gtest.h>

#include <set>

#include "plcbridge/service/task_registry.hpp"

namespace plcbridge::service {
namespace {

using namespace std::chrono_literals;

TEST(TaskRegistry, EveryTaskOfTheContractIsDeclaredOnceUnderItsName) {
    const std::vector<std::string_view> names = service_task_names();
    const std::set<std::string_view> unique(names.begin(), names.end());
    EXPECT_EQ(unique.size(), names.size()) << "a name is one task";
    EXPECT_EQ(unique,
              (std::set<std::string_view>{"mo_sync", "plc_read", "cancel_worker", "process_completed", "batch_health",
                                          "equipment_failures", "log_retention", "store_check"}));
}

TEST(TaskRegistry, ThePeriodKeysAreTheConfigurationsWithTheirUnitsAndDefaults) {
    struct Expected {
        std::string_view task;
        std::string_view key;
        std::chrono::milliseconds unit;
        std::chrono::milliseconds period;
    };
    for (const Expected& e :
         {Expected{"mo_sync", "mo_sync_interval_s", 1s, 60s}, Expected{"plc_read", "plc_read_interval_ms", 1ms, 5s},
          Expected{"process_completed", "process_completed_interval_s", 1s, 10s},
          Expected{"batch_health", "health_interval_s", 1s, 60s},
          Expected{"equipment_failures", "equipment_failure_interval_s", 1s, 5s}}) {
        const TaskDeclaration* d = find_task(e.task);
        ASSERT_NE(d, nullptr) << e.task;
        ASSERT_TRUE(d->period_key.has_value()) << e.task;
        EXPECT_EQ(d->period_key->key, e.key);
        EXPECT_EQ(d->period_key->unit, e.unit) << e.key;
        EXPECT_EQ(d->period, e.period) << e.task;
        EXPECT_GE(d->period, d->period_key->unit * d->period_key->min) << "the default is within the range";
        EXPECT_LE(d->period, d->period_key->unit * d->period_key->max);
    }
    for (const std::string_view fixed : {"cancel_worker", "store_check", "log_retention"})
        EXPECT_FALSE(find_task(fixed)->period_key.has_value()) << fixed << " has no key of its own";
    EXPECT_EQ(find_task("no_such_task"), nullptr);
}

TEST(TaskRegistry, AConfiguredPeriodWinsOverTheDeclaredOne) {
    TaskSettings settings;
    settings.periods["plc_read"] = 250ms;
    EXPECT_EQ(period_of(settings, "plc_read"), 250ms);
    EXPECT_EQ(period_of(settings, "cancel_worker"), 1000ms);
    EXPECT_EQ(period_of(settings, "store_check"), 5000ms);
}

}  // namespace
}  // namespace plcbridge::service
