#include "plcbridge/tasks/queue_plan.hpp"

#include <gtest/gtest.h>

#include "plcbridge/memory_map/default_maps.hpp"
#include "plcbridge/odoo/errc.hpp"

namespace plcbridge::tasks {
namespace {

using plcbridge::Decimal;

const memory_map::SlotArea& write_area() {
    static const memory_map::SlotArea area = memory_map::load_area(memory_map::AreaKind::write, "", 10, 100).value();
    return area;
}

odoo::Bom bom(std::int64_t id, std::int64_t kg, std::vector<std::int64_t> products) {
    odoo::Bom b;
    b.bom_id = id;
    b.product_qty = Decimal{kg, 1};
    b.uom = "kg";
    for (auto p : products)
        b.components.push_back({p, "part", Decimal{1, 1}, "kg"});
    return b;
}

odoo::Mo mo(const std::string& name, std::vector<odoo::Component> components = {}) {
    odoo::Mo m;
    m.mo_id = name;
    m.state = "confirmed";
    m.product_name = "JF SAPOT";
    m.bom_code = "BOM-1";
    m.quantity = Decimal{1000, 1};
    m.uom = "kg";
    m.bom_id = 1;
    m.components = std::move(components);
    return m;
}

odoo::Component part(std::string product, std::int64_t centi_kg, std::optional<std::string> equipment,
                     std::int64_t product_id = 1) {
    odoo::Component c;
    c.product_id = product_id;
    c.product_name = std::move(product);
    c.to_consume = Decimal{centi_kg, 100};
    c.uom = "kg";
    c.equipment_code = std::move(equipment);
    return c;
}

BomLookup one_bom(odoo::Bom b) {
    BomLookup lookup;
    const auto id = b.bom_id;
    lookup.emplace(id, std::move(b));
    return lookup;
}

const BomLookup kBom1 = one_bom(bom(1, 1000, {1, 2, 3, 4}));

TEST(LineFilter, AnMoIsTheLinesWhoseEquipmentCodeItCarries) {
    odoo::Mo plc01 = mo("WH/MO/00011");
    plc01.equipment_code = "PLC01";
    odoo::Mo plc02 = mo("WH/MO/00012");
    plc02.equipment_code = "plc-02";
    const odoo::Mo none = mo("WH/MO/00013");
    const LineEquipment line1{normalise_alias("PLC01")};
    const LineEquipment line2{normalise_alias("PLC02")};
    EXPECT_TRUE(belongs_to_line(plc01, line1));
    EXPECT_FALSE(belongs_to_line(plc01, line2));
    EXPECT_TRUE(belongs_to_line(plc02, line2)) << "case and punctuation aside, as aliases are matched";
    EXPECT_FALSE(belongs_to_line(none, line1)) << "an MO without equipment is no line's when lines are set";
    EXPECT_TRUE(belongs_to_line(none, {})) << "one line without a filter queues every MO, as before";
}

TEST(QueuePlan, TakesAtMostOneMoPerSlotInOdoosOrderSkippingActiveAndArchivedOnes) {
    std::vector<odoo::Mo> confirmed;
    for (int i = 1; i <= 14; ++i)
        confirmed.push_back(mo("WH/MO/" + std::to_string(i)));
    const QueuePlan plan = plan_queue(confirmed, kBom1, {"WH/MO/2", "WH/MO/5"}, write_area(), {});
    ASSERT_EQ(plan.entries.size(), 10U);
    EXPECT_EQ(plan.entries[0].batch.mo_id, "WH/MO/1");
    EXPECT_EQ(plan.entries[1].batch.mo_id, "WH/MO/3");
    EXPECT_EQ(plan.entries[9].batch.mo_id, "WH/MO/12");
    for (int i = 0; i < 10; ++i) {
        EXPECT_EQ(plan.entries[static_cast<std::size_t>(i)].slot, i + 1);
        EXPECT_EQ(plan.entries[static_cast<std::size_t>(i)].recipe.batch_no, i + 1);
        EXPECT_EQ(plan.entries[static_cast<std::size_t>(i)].words.size(), write_area().map().span());
    }
    EXPECT_EQ(plan.skipped.size(), 4U) << "two known, two beyond the slots";
    EXPECT_TRUE(plan.unqueued.empty());
}

TEST(QueuePlan, ComponentsMapByCodeThenAliasAndUnmappedOnesAreReportedNotDropped) {
    const EquipmentAliases aliases = {{"siloc", "silo103"}, {"tetes", "lq114"}};
    const std::vector<odoo::Mo> confirmed = {
        mo("WH/MO/1", {part("PKE", 20000, "silo101", 1), part("Corn", 5025, "Silo C", 2),
                       part("Tetes", 1234, std::nullopt, 3), part("Premix", 150, "PLC01", 4)})};
    const QueuePlan plan = plan_queue(confirmed, kBom1, {}, write_area(), aliases);
    ASSERT_EQ(plan.entries.size(), 1U);
    const QueueEntry& e = plan.entries[0];
    ASSERT_EQ(e.recipe.targets.size(), 3U);
    EXPECT_EQ(e.recipe.targets[0], (memory_map::EquipmentAmount{"lq114", Decimal{1234, 100}}));
    EXPECT_EQ(e.recipe.targets[1], (memory_map::EquipmentAmount{"silo101", Decimal{20000, 100}}));
    EXPECT_EQ(e.recipe.targets[2], (memory_map::EquipmentAmount{"silo103", Decimal{5025, 100}}));
    EXPECT_EQ(e.batch.lines.size(), 3U);
    EXPECT_EQ(e.batch.lines[1].planned, (Decimal{20000, 100}));
    ASSERT_EQ(e.remarks.size(), 1U);
    EXPECT_EQ(e.remarks[0], "component Premix (1.5 kg, equipment PLC01) is not on a PLC silo or tank: dose it by hand");
}

TEST(QueuePlan, TwoComponentsOnOneSiloAreAddedUpAndSaidSo) {
    const std::vector<odoo::Mo> confirmed = {
        mo("WH/MO/1", {part("A", 10000, "silo101", 1), part("B", 2550, "silo101", 2)})};
    const QueuePlan plan = plan_queue(confirmed, kBom1, {}, write_area(), {});
    ASSERT_EQ(plan.entries.at(0).recipe.targets.size(), 1U);
    EXPECT_EQ(plan.entries[0].recipe.targets[0].amount, (Decimal{12550, 100}));
    EXPECT_EQ(plan.entries[0].remarks.at(0), "two components on silo101: targets added up");
}

TEST(QueuePlan, AHalfBatchIsDosedAsHalfTheBom) {
    odoo::Mo half =
        mo("WH/MO/00021", {part("[40005] PKE PELLET", 7720, "silo101", 1), part("[4002] DEMITOX", 50, "PLC01", 2),
                           part("outside the BoM", 1000, "silo102", 99)});
    half.quantity = Decimal{500, 1};
    const QueuePlan plan = plan_queue(std::vector<odoo::Mo>{half}, kBom1, {}, write_area(), {});
    ASSERT_EQ(plan.entries.size(), 1U);
    const QueueEntry& e = plan.entries[0];
    EXPECT_EQ(e.recipe.quantity, (Decimal{50000, 100}));
    ASSERT_EQ(e.recipe.targets.size(), 2U);
    EXPECT_EQ(e.recipe.targets[0], (memory_map::EquipmentAmount{"silo101", Decimal{3860, 100}})) << "77.2 kg -> 38.6";
    EXPECT_EQ(e.recipe.targets[1], (memory_map::EquipmentAmount{"silo102", Decimal{1000, 100}}))
        << "a line from a stock move already has the MO's quantity";
    EXPECT_EQ(e.batch.lines[0].planned, (Decimal{3860, 100})) << "the database keeps the scaled target";
    EXPECT_EQ(e.remarks[0],
              "component [4002] DEMITOX (0.25 kg, equipment PLC01) is not on a PLC silo or tank: dose it by hand");
    EXPECT_EQ(e.remarks[1],
              "component outside the BoM on silo102 is not in BoM 1: Odoo's planned 10 kg is dosed as it is");
}

TEST(QueuePlan, LongNamesAreCutForThePlcAndKeptWholeInTheDatabase) {
    odoo::Mo sapot = mo("WH/MO/00011", {part("PKE", 100, "silo101")});
    sapot.product_name = "[10092] JF SAPOT 1B";
    sapot.bom_code = "";
    const QueuePlan plan = plan_queue(std::vector<odoo::Mo>{sapot}, kBom1, {}, write_area(), {});
    ASSERT_EQ(plan.entries.size(), 1U);
    const QueueEntry& e = plan.entries[0];
    EXPECT_EQ(e.recipe.bom, "[10092] JF SAPOT");
    EXPECT_EQ(e.recipe.finished_goods, "[10092] JF SAPOT");
    EXPECT_EQ(e.batch.bom, "[10092] JF SAPOT 1B");
    EXPECT_EQ(e.batch.finished_goods, "[10092] JF SAPOT 1B");
    ASSERT_EQ(e.text_changes.size(), 2U);
    EXPECT_EQ(e.text_changes[0].field, "bom");
    EXPECT_EQ(e.text_changes[0].plc, "[10092] JF SAPOT");
}

TEST(QueuePlan, MosThatCannotBeQueuedAreListedWithTheReasonAndTheRestMoveUp) {
    odoo::Mo long_id = mo("PLANT2/WH/MO/000123", {part("PKE", 100, "silo101")});
    odoo::Mo no_bom = mo("WH/MO/2", {part("PKE", 100, "silo101")});
    no_bom.bom_id.reset();
    odoo::Mo unknown_bom = mo("WH/MO/3", {part("PKE", 100, "silo101")});
    unknown_bom.bom_id = 404;
    odoo::Mo units = mo("WH/MO/4", {part("PKE", 100, "silo101")});
    units.uom = "Units";
    odoo::Mo line_units = mo("WH/MO/5", {part("Rumigold", 100, "silo101")});
    line_units.components[0].uom = "Unit";
    odoo::Mo good = mo("WH/MO/6", {part("PKE", 100, "silo101")});
    BomLookup boms = one_bom(bom(1, 1000, {1}));
    boms.emplace(404, make_error(odoo::Errc::not_found, "BoM 404 not found in Odoo (unknown or archived)"));
    const QueuePlan plan = plan_queue(std::vector<odoo::Mo>{long_id, no_bom, unknown_bom, units, line_units, good},
                                      boms, {}, write_area(), {});
    ASSERT_EQ(plan.entries.size(), 1U);
    EXPECT_EQ(plan.entries[0].batch.mo_id, "WH/MO/6");
    EXPECT_EQ(plan.entries[0].slot, 1);
    ASSERT_EQ(plan.unqueued.size(), 5U);
    EXPECT_EQ(plan.unqueued[0].mo_id, "PLANT2/WH/MO/000123");
    EXPECT_NE(plan.unqueued[0].reason.find("has 19 characters and the PLC field holds 16"), std::string::npos);
    EXPECT_NE(plan.unqueued[1].reason.find("no bill of materials"), std::string::npos);
    EXPECT_NE(plan.unqueued[2].reason.find("BoM 404 cannot be read from Odoo"), std::string::npos);
    EXPECT_NE(plan.unqueued[3].reason.find("the MO is in 'Units' and its BoM 1 in 'kg'"), std::string::npos);
    EXPECT_NE(plan.unqueued[4].reason.find("component Rumigold on silo101"), std::string::npos)
        << plan.unqueued[4].reason;
}

TEST(QueuePlan, AliasesAreNormalised) {
    EXPECT_EQ(normalise_alias("Silo A"), "siloa");
    EXPECT_EQ(normalise_alias("LQ-Tetes_1"), "lqtetes1");
}

}  // namespace
}  // namespace plcbridge::tasks
