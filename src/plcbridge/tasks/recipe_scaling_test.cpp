#include "plcbridge/tasks/recipe_scaling.hpp"

#include <gtest/gtest.h>

#include "plcbridge/tasks/errc.hpp"

namespace plcbridge::tasks {
namespace {

odoo::Mo mo_of(std::int64_t raw, std::uint32_t scale, std::string uom) {
    odoo::Mo mo;
    mo.mo_id = "WH/MO/00021";
    mo.quantity = Decimal{raw, scale};
    mo.uom = std::move(uom);
    return mo;
}

odoo::Bom bom_of(std::int64_t raw, std::uint32_t scale, std::string uom) {
    odoo::Bom bom;
    bom.bom_id = 70;
    bom.product_qty = Decimal{raw, scale};
    bom.uom = std::move(uom);
    return bom;
}

TEST(RecipeScaling, AHalfBatchGetsHalfOfEveryBomLine) {
    // The measured defect: an MO of 500 kg on a 1000 kg BoM dosed silo101 77.2 kg instead of 38.6 kg.
    auto factor = batch_factor(mo_of(500, 1, "kg"), bom_of(1000, 1, "kg"));
    ASSERT_TRUE(factor);
    auto silo101 = scale_quantity(Decimal{772, 10}, *factor, 100);
    ASSERT_TRUE(silo101);
    EXPECT_EQ(*silo101, (Decimal{3860, 100}));
    auto demitox = scale_quantity(Decimal{5, 10}, *factor, 100);  // 0.5 kg -> 0.25 kg
    ASSERT_TRUE(demitox);
    EXPECT_EQ(demitox->raw, 25);
}

TEST(RecipeScaling, RoundsOnceHalfAwayFromZeroAtTheFieldsScale) {
    auto third = batch_factor(mo_of(1000, 1, "kg"), bom_of(3000, 1, "kg"));
    ASSERT_TRUE(third);
    EXPECT_EQ(scale_quantity(Decimal{100, 1}, *third, 100)->raw, 3333);  // 33.333.. -> 33.33
    EXPECT_EQ(scale_quantity(Decimal{200, 1}, *third, 100)->raw, 6667);  // 66.666.. -> 66.67
    auto quarter = batch_factor(mo_of(250, 1, "kg"), bom_of(1000, 1, "kg"));
    EXPECT_EQ(scale_quantity(Decimal{1, 10}, *quarter, 100)->raw, 3) << "0.025 -> 0.03 (half away from zero)";
}

TEST(RecipeScaling, ConvertsMassUnitsOfTheMoTheBomAndTheLines) {
    auto tonnes = batch_factor(mo_of(2, 1, "t"), bom_of(1000, 1, "kg"));
    ASSERT_TRUE(tonnes);
    EXPECT_EQ(scale_quantity(Decimal{300, 1}, *tonnes, 100)->raw, 60000);  // 2 t on a 1000 kg BoM: x2
    auto grams = to_kg(Decimal{2500, 1}, "g", 100);
    ASSERT_TRUE(grams);
    EXPECT_EQ(*grams, (Decimal{250, 100}));
    EXPECT_EQ(to_kg(Decimal{3, 1}, " KG ", 100)->raw, 300) << "Odoo's names in any case";
    EXPECT_EQ(to_kg(Decimal{1, 1}, "t", 100)->raw, 100000);
    auto same_units = batch_factor(mo_of(6, 1, "Units"), bom_of(12, 1, "Units"));
    ASSERT_TRUE(same_units) << "the same unit needs no conversion";
    EXPECT_EQ(scale_quantity(Decimal{10, 1}, *same_units, 100)->raw, 500);
}

TEST(RecipeScaling, UnitsThatCannotBeConvertedAreRefusedWithTheReason) {
    auto mixed = batch_factor(mo_of(10, 1, "Units"), bom_of(1000, 1, "kg"));
    ASSERT_FALSE(mixed);
    EXPECT_EQ(mixed.error().code, Errc::unit_mismatch);
    EXPECT_NE(mixed.error().detail.find("the MO is in 'Units' and its BoM 70 in 'kg'"), std::string::npos);
    auto line = to_kg(Decimal{12, 1}, "Unit", 100);
    ASSERT_FALSE(line);
    EXPECT_NE(line.error().detail.find("12 'Unit' is not a mass"), std::string::npos) << line.error().detail;
    auto empty_bom = batch_factor(mo_of(10, 1, "kg"), bom_of(0, 1, "kg"));
    ASSERT_FALSE(empty_bom);
    EXPECT_EQ(empty_bom.error().code, Errc::no_bom);
}

}  // namespace
}  // namespace plcbridge::tasks
