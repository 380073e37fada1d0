#include <fmt/format.h>
#include <fmt/ranges.h>
#include <gtest/gtest.h>

#include "plcbridge/memory_map/batch_slot.hpp"
#include "plcbridge/memory_map/default_maps.hpp"
#include "plcbridge/memory_map/errc.hpp"

namespace plcbridge::memory_map {
namespace {

SlotArea area(AreaKind kind) {
    auto a = load_area(kind, "", 10, 100);
    EXPECT_TRUE(a.ok());
    return std::move(a).value();
}

BatchRecipe recipe() {
    BatchRecipe r;
    r.batch_no = 3;
    r.mo_id = "WH/MO/00123";
    r.bom = "[10092] JF SAPOT";
    r.finished_goods = "JF SAPOT";
    r.quantity = Decimal{100000, 100};
    r.targets = {{"silo102", Decimal{15000, 100}}, {"silo109", Decimal{22015, 100}}, {"lq115", Decimal{3000, 100}}};
    return r;
}

TEST(BatchRecipe, EncodesTheWholeSlotWithStatusesZeroAndEveryId) {
    const SlotArea write = area(AreaKind::write);
    auto words = encode_recipe(write, 3, recipe());
    ASSERT_TRUE(words.ok()) << words.error().message();
    ASSERT_EQ(words->size(), 77U);
    EXPECT_EQ((*words)[0], 3);
    EXPECT_EQ((*words)[1], 0x5748) << "'WH'";
    EXPECT_EQ((*words)[27], 101) << "silo101 id written even though the batch does not use it";
    EXPECT_EQ((*words)[28], 0);
    EXPECT_EQ((*words)[29], 0);
    EXPECT_EQ((*words)[31], 0);
    EXPECT_EQ((*words)[32], 15000);
    EXPECT_EQ((*words)[69], 115);
    EXPECT_EQ((*words)[72], 0) << "status_manufacturing";
    EXPECT_EQ((*words)[73], 0) << "status_operation";
    EXPECT_EQ((*words)[76], 0) << "status_read_data";

    // Read back through the same map: the PLC sees exactly the recipe.
    const BatchSlot back = to_batch_slot(write.decode_slot(3, *words));
    EXPECT_TRUE(back.clean()) << fmt::format("{}", fmt::join(back.issues, "; "));
    EXPECT_EQ(back.mo_id, "WH/MO/00123");
    EXPECT_EQ(back.consumption[8], (EquipmentAmount{"silo109", Decimal{22015, 100}}));
    EXPECT_EQ(back.consumption[0].amount, (Decimal{0, 100}));
}

TEST(BatchRecipe, RefusesEquipmentTheMapDoesNotHave) {
    BatchRecipe r = recipe();
    r.targets.push_back({"silo120", Decimal{1, 1}});
    auto words = encode_recipe(area(AreaKind::write), 3, r);
    ASSERT_FALSE(words.ok());
    EXPECT_EQ(words.error().code, Errc::unknown_equipment);
    EXPECT_NE(words.error().detail.find("'silo120' is not in"), std::string::npos) << words.error().detail;
    EXPECT_NE(words.error().detail.find("WH/MO/00123"), std::string::npos);
}

TEST(BatchRecipe, RefusesDuplicatesWrongSlotsAndOverlongNames) {
    BatchRecipe twice = recipe();
    twice.targets.push_back({"silo102", Decimal{1, 1}});
    EXPECT_FALSE(encode_recipe(area(AreaKind::write), 3, twice).ok());
    EXPECT_FALSE(encode_recipe(area(AreaKind::write), 11, recipe()).ok());
    BatchRecipe mismatch = recipe();
    mismatch.batch_no = 4;
    auto wrong_slot = encode_recipe(area(AreaKind::write), 3, mismatch);
    ASSERT_FALSE(wrong_slot.ok());
    EXPECT_NE(wrong_slot.error().detail.find("batch_no"), std::string::npos);
    BatchRecipe long_mo = recipe();
    long_mo.mo_id = "WAREHOUSE/MO/000012345";
    auto too_long = encode_recipe(area(AreaKind::write), 3, long_mo);
    ASSERT_FALSE(too_long.ok());
    EXPECT_NE(too_long.error().detail.find("mo_id"), std::string::npos);
    EXPECT_NE(too_long.error().detail.find("D7201"), std::string::npos) << "names the PLC address";
    BatchRecipe negative = recipe();
    negative.targets[0].amount = Decimal{-1, 100};
    EXPECT_FALSE(encode_recipe(area(AreaKind::write), 3, negative).ok()) << "consumption below the plausible range";
}

TEST(BatchSlot, AllZeroSlotIsEmptyNotValid) {
    const std::vector<std::uint16_t> zeros(77, 0);
    const BatchSlot slot = to_batch_slot(area(AreaKind::read).decode_slot(5, zeros));
    EXPECT_EQ(slot.status, SlotStatus::empty);
    EXPECT_FALSE(slot.clean());
}

TEST(BatchSlot, ANoisyStatusWordInvalidatesTheSlot) {
    const SlotArea write = area(AreaKind::write);
    auto words = encode_recipe(write, 3, recipe());
    ASSERT_TRUE(words.ok());
    (*words)[73] = 0x8200;  // status_operation noise
    const BatchSlot slot = to_batch_slot(write.decode_slot(3, *words));
    EXPECT_EQ(slot.status, SlotStatus::invalid);
    EXPECT_FALSE(slot.failed) << "noise is not a failure";
    ASSERT_EQ(slot.issues.size(), 1U);
    EXPECT_EQ(slot.issues[0], "status_operation at D7273: BOOL word holds 0x8200 (must be 0 or 1)");
}

TEST(BatchSlot, AnImplausibleConsumptionDegradesButDoesNotInvalidate) {
    const SlotArea write = area(AreaKind::write);
    auto words = encode_recipe(write, 3, recipe());
    ASSERT_TRUE(words.ok());
    (*words)[31] = 0x7FFF;  // silo102 consumption far beyond 100000 kg
    const BatchSlot slot = to_batch_slot(write.decode_slot(3, *words));
    EXPECT_EQ(slot.status, SlotStatus::degraded);
    EXPECT_FALSE(slot.clean());
}

TEST(SlotArea, DecodesAllTenSlotsFromOneRead) {
    const SlotArea read = area(AreaKind::read);
    std::vector<std::uint16_t> words(read.total_words(), 0);
    const SlotArea write = area(AreaKind::write);
    auto slot7 = encode_recipe(write, 7, [] {
        BatchRecipe r = recipe();
        r.batch_no = 7;
        return r;
    }());
    ASSERT_TRUE(slot7.ok());
    std::copy(slot7->begin(), slot7->end(), words.begin() + 600);
    const auto records = read.decode_all(words);
    ASSERT_EQ(records.size(), 10U);
    for (const auto& r : records) {
        EXPECT_EQ(r.status, r.slot == 7 ? SlotStatus::valid : SlotStatus::empty) << r.slot;
    }
    EXPECT_EQ(records[6].address, 6600);
}

}  // namespace
}  // namespace plcbridge::memory_map
