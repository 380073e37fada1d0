#include "plcbridge/tasks/queue_plan.hpp"

#include <gtest/gtest.h>

namespace plcbridge::tasks {
namespace {

using memory_map::Decimal;

const std::vector<std::string> kCodes = {"silo101", "silo102", "silo103", "lq114", "lq115"};

odoo::Mo mo(const std::string& name, std::vector<odoo::Component> components = {}) {
    odoo::Mo m;
    m.mo_id = name;
    m.state = "confirmed";
    m.product_name = "JF SAPOT";
    m.bom_code = "BOM-1";
    m.quantity = Decimal{100000, 100};
    m.components = std::move(components);
    return m;
}

odoo::Component part(std::string product, std::int64_t centi_kg, std::optional<std::string> equipment) {
    return {std::move(product), Decimal{centi_kg, 100}, Decimal{0, 100}, std::move(equipment)};
}

TEST(QueuePlan, TakesAtMostOneMoPerSlotInOdoosOrderSkippingActiveAndArchivedOnes) {
    std::vector<odoo::Mo> confirmed;
    for (int i = 1; i <= 14; ++i)
        confirmed.push_back(mo("WH/MO/" + std::to_string(i)));
    const QueuePlan plan = plan_queue(confirmed, {"WH/MO/2", "WH/MO/5"}, 10, kCodes, {});
    ASSERT_EQ(plan.entries.size(), 10U);
    EXPECT_EQ(plan.entries[0].batch.mo_id, "WH/MO/1");
    EXPECT_EQ(plan.entries[1].batch.mo_id, "WH/MO/3");
    EXPECT_EQ(plan.entries[9].batch.mo_id, "WH/MO/12");
    for (int i = 0; i < 10; ++i) {
        EXPECT_EQ(plan.entries[static_cast<std::size_t>(i)].slot, i + 1);
        EXPECT_EQ(plan.entries[static_cast<std::size_t>(i)].recipe.batch_no, i + 1);
    }
    EXPECT_EQ(plan.skipped.size(), 4U) << "two known, two beyond the slots";
}

TEST(QueuePlan, ComponentsMapByCodeThenAliasAndUnmappedOnesAreReportedNotDropped) {
    const EquipmentAliases aliases = {{"siloc", "silo103"}, {"tetes", "lq114"}};
    const std::vector<odoo::Mo> confirmed = {
        mo("WH/MO/1", {part("PKE", 20000, "silo101"), part("Corn", 5025, "Silo C"), part("Tetes", 1234, std::nullopt),
                       part("Premix", 150, "PLC01")})};
    const QueuePlan plan = plan_queue(confirmed, {}, 10, kCodes, aliases);
    ASSERT_EQ(plan.entries.size(), 1U);
    const QueueEntry& e = plan.entries[0];
    ASSERT_EQ(e.recipe.targets.size(), 3U);
    EXPECT_EQ(e.recipe.targets[0], (memory_map::EquipmentAmount{"lq114", Decimal{1234, 100}}));
    EXPECT_EQ(e.recipe.targets[1], (memory_map::EquipmentAmount{"silo101", Decimal{20000, 100}}));
    EXPECT_EQ(e.recipe.targets[2], (memory_map::EquipmentAmount{"silo103", Decimal{5025, 100}}));
    EXPECT_EQ(e.batch.lines.size(), 3U);
    EXPECT_EQ(e.batch.lines[1].planned, (Decimal{20000, 100}));
    ASSERT_EQ(e.remarks.size(), 1U);
    EXPECT_EQ(e.remarks[0],
              "component Premix (1.50 kg, equipment PLC01) is not on a PLC silo or tank: dose it by hand");
}

TEST(QueuePlan, TwoComponentsOnOneSiloAreAddedUpAndSaidSo) {
    const std::vector<odoo::Mo> confirmed = {mo("WH/MO/1", {part("A", 10000, "silo101"), part("B", 2550, "silo101")})};
    const QueuePlan plan = plan_queue(confirmed, {}, 10, kCodes, {});
    ASSERT_EQ(plan.entries.at(0).recipe.targets.size(), 1U);
    EXPECT_EQ(plan.entries[0].recipe.targets[0].amount, (Decimal{12550, 100}));
    EXPECT_EQ(plan.entries[0].remarks.at(0), "two components on silo101: targets added up");
}

TEST(QueuePlan, AliasesAreNormalised) {
    EXPECT_EQ(normalise_alias("Silo A"), "siloa");
    EXPECT_EQ(normalise_alias("LQ-Tetes_1"), "lqtetes1");
}

}  // namespace
}  // namespace plcbridge::tasks
