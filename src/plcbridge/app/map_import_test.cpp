// The existing system's JSON maps imported: each must equal the map we ship for that area.
#include <gtest/gtest.h>

#include <fstream>

#include "plcbridge/app/map_import.hpp"
#include "plcbridge/memory_map/default_maps.hpp"
#include "plcbridge/memory_map/map_csv.hpp"

namespace plcbridge::app {
namespace {

std::string data(const std::string& name) {
    const char* dir = std::getenv("PLCBRIDGE_TEST_DATA");
    return std::string(dir ? dir : "tests/data") + "/memory_maps/" + name;
}

/// Two maps are the same layout when every field matches but for the description.
void expect_same_layout(const memory_map::MemoryMap& a, const memory_map::MemoryMap& b) {
    ASSERT_EQ(a.fields().size(), b.fields().size());
    for (std::size_t i = 0; i < a.fields().size(); ++i) {
        const auto& x = a.fields()[i];
        const auto& y = b.fields()[i];
        EXPECT_EQ(x.key, y.key);
        EXPECT_EQ(x.address, y.address) << x.key;
        EXPECT_EQ(x.words, y.words) << x.key;
        EXPECT_EQ(x.type, y.type) << x.key;
        EXPECT_EQ(x.scale, y.scale) << x.key;
        EXPECT_EQ(x.order, y.order) << x.key;
        EXPECT_EQ(x.expected, y.expected) << x.key;
        EXPECT_EQ(x.expected_is_slot, y.expected_is_slot) << x.key;
        EXPECT_EQ(x.min, y.min) << x.key;
        EXPECT_EQ(x.max, y.max) << x.key;
    }
}

TEST(MapImport, TheExistingReadWriteAndFailureMapsEqualTheShippedOnes) {
    struct Case {
        const char* file;
        memory_map::AreaKind kind;
        int slots;
        int stride;
    };
    for (const Case& c : {Case{"READ_DATA_PLC_MAPPING.json", memory_map::AreaKind::read, 10, 100},
                          Case{"MASTER_BATCH_REFERENCE.json", memory_map::AreaKind::write, 10, 100},
                          Case{"EQUIPMENT_FAILURE_REFERENCE.json", memory_map::AreaKind::failure, 1, 0}}) {
        auto imported = import_legacy_json(data(c.file));
        ASSERT_TRUE(imported.ok()) << c.file << ": " << imported.error().message();
        EXPECT_EQ(imported->slots, c.slots) << c.file;
        EXPECT_EQ(imported->stride, c.stride) << c.file;
        auto shipped = memory_map::parse_map_csv(memory_map::default_map_csv(c.kind), "shipped");
        ASSERT_TRUE(shipped.ok());
        expect_same_layout(imported->map, *shipped);
        // And the CSV we print loads back as the same map.
        auto again = memory_map::parse_map_csv(memory_map::write_map_csv(imported->map), "printed");
        ASSERT_TRUE(again.ok()) << again.error().message();
        expect_same_layout(*again, *shipped);
    }
}

TEST(MapImport, BrokenFilesGetAClearError) {
    const std::string dir = ::testing::TempDir();
    auto write = [&](const std::string& name, const std::string& text) {
        std::ofstream(dir + "/" + name) << text;
        return dir + "/" + name;
    };
    struct Case {
        std::string file;
        std::string says;
    };
    const Case cases[] = {
        {write("notjson.json", "{ nope"), "not valid JSON"},
        {write("empty.json", "{}"), "no per-slot lists"},
        {write("type.json", R"({"raw_list":[{"Informasi":"BATCH","Data Type":"FLOAT","DM":"D6000"}]})"),
         "unknown data type 'FLOAT'"},
        {write("range.json", R"({"raw_list":[{"Informasi":"BATCH","Data Type":"INT","DM":"D99999"}]})"), "D99999"},
        {write("overlap.json", R"({"raw_list":[{"Informasi":"LQ ID 115","Data Type":"INT","DM":"D6069"},
                                 {"Informasi":"LQ ID 115 Consumption","Data Type":"REAL","scale":100,"DM":"D6069-6070"}]})"),
         "share D6069"},
        {write("gap.json", R"({"BATCH_READ_01":[{"Informasi":"BATCH","Data Type":"INT","DM":"D6000"}],
                             "BATCH_READ_03":[{"Informasi":"BATCH","Data Type":"INT","DM":"D6200"}]})"),
         "slot 2 is missing"},
        {dir + "/absent.json", "cannot open"},
    };
    for (const auto& c : cases) {
        auto imported = import_legacy_json(c.file);
        ASSERT_FALSE(imported.ok()) << c.file;
        EXPECT_NE(imported.error().message().find(c.says), std::string::npos) << imported.error().message();
    }
}

}  // namespace
}  // namespace plcbridge::app
