#include <gtest/gtest.h>

#include "plcbridge/memory_map/default_maps.hpp"
#include "plcbridge/memory_map/errc.hpp"
#include "plcbridge/memory_map/legacy_map.hpp"
#include "plcbridge/memory_map/map_csv.hpp"

namespace plcbridge::memory_map {
namespace {

TEST(LegacyMap, TranslatesTheExistingSystemsFieldNames) {
    EXPECT_EQ(legacy_key("BATCH"), "batch_no");
    EXPECT_EQ(legacy_key("NO-MO"), "mo_id");
    EXPECT_EQ(legacy_key("NO-BoM"), "bom");
    EXPECT_EQ(legacy_key("Quantity Goods_id"), "quantity");
    EXPECT_EQ(legacy_key("SILO ID 101 (SILO BESAR)"), "silo101_id");
    EXPECT_EQ(legacy_key("SILO ID 104"), "silo104_id");
    EXPECT_EQ(legacy_key("SILO ID 113 Consumption"), "silo113_consumption");
    EXPECT_EQ(legacy_key("LQ ID 115 Consumption"), "lq115_consumption");
    EXPECT_EQ(legacy_key("status manufaturing"), "status_manufacturing");
    EXPECT_EQ(legacy_key("Status Operation"), "status_operation");
    EXPECT_EQ(legacy_key("INFO"), "info");
    EXPECT_EQ(legacy_key("Some New Field!"), "some_new_field");
}

TEST(LegacyMap, ItsRealIsAScaledIntegerHighWordFirst) {
    const LegacyEntry entries[] = {{"Quantity Goods_id", "REAL", "D6025-6026", 100, "450000"}};
    auto map = convert_legacy(entries, "legacy.json");
    ASSERT_TRUE(map.ok()) << map.error().message();
    const FieldSpec& f = map->fields()[0];
    EXPECT_EQ(f.type, DataType::int32);
    EXPECT_EQ(f.scale, 100U);
    EXPECT_EQ(f.order, WordOrder::high_first);
}

TEST(LegacyMap, ErrorsNameTheEntry) {
    const LegacyEntry unknown[] = {{"BATCH", "INT", "D6000", 1, ""}, {"NO-MO", "STRING", "D6001-6008", {}, ""}};
    auto a = convert_legacy(unknown, "legacy.json");
    ASSERT_FALSE(a.ok());
    EXPECT_NE(a.error().detail.find("legacy.json entry 2 ('NO-MO'): unknown data type 'STRING'"), std::string::npos)
        << a.error().detail;

    const LegacyEntry out_of_range[] = {{"BATCH", "INT", "D40000", 1, ""}};
    EXPECT_EQ(convert_legacy(out_of_range, "legacy.json").error().code, Errc::bad_field);

    // The stale map the reference system describes: LQ115 consumption overlapping the LQ115 id.
    const LegacyEntry overlapping[] = {{"LQ ID 115", "INT", "D6069", 1, ""},
                                       {"LQ ID 115 Consumption", "REAL", "D6069-6070", 100, ""}};
    auto o = convert_legacy(overlapping, "stale.json");
    ASSERT_FALSE(o.ok());
    EXPECT_EQ(o.error().code, Errc::overlapping_fields);
}

TEST(LegacyMap, SlotsMustBeShiftedCopiesOfSlotOne) {
    std::vector<std::vector<LegacyEntry>> slots = {
        {{"BATCH", "INT", "D6000", 1, ""}, {"NO-MO", "ASCII", "D6001-6008", {}, ""}},
        {{"BATCH", "INT", "D6100", 1, ""}, {"NO-MO", "ASCII", "D6101-6108", {}, ""}},
    };
    auto stride = legacy_slot_stride(slots, "x.json");
    ASSERT_TRUE(stride.ok());
    EXPECT_EQ(*stride, 100);
    slots[1][1].address = "D6102-6109";
    auto broken = legacy_slot_stride(slots, "x.json");
    ASSERT_FALSE(broken.ok());
    EXPECT_NE(broken.error().detail.find("slot 2 entry 2"), std::string::npos) << broken.error().detail;
}

}  // namespace
}  // namespace plcbridge::memory_map
