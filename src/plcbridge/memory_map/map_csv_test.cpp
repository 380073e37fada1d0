#include <gtest/gtest.h>

#include <fstream>

#include "plcbridge/memory_map/default_maps.hpp"
#include "plcbridge/memory_map/errc.hpp"
#include "plcbridge/memory_map/map_csv.hpp"

namespace plcbridge::memory_map {
namespace {

constexpr std::string_view kHeader =
    "Informasi,Keterangan,Memory Address,Data Type,Scale,Word Order,Expected,Min,Max\n";

Error load_error(std::string_view body) {
    auto map = parse_map_csv(std::string(kHeader) + std::string(body), "plant.csv");
    EXPECT_FALSE(map.ok()) << body;
    return map.ok() ? Error{} : map.error();
}

TEST(MapCsv, TheShippedMapsLoadWithThePlantLayout) {
    for (AreaKind kind : {AreaKind::read, AreaKind::write}) {
        auto area = load_area(kind, "", 10, 100);
        ASSERT_TRUE(area.ok()) << area.error().message();
        EXPECT_EQ(area->map().span(), 77);
        EXPECT_EQ(area->total_words(), 977);
        EXPECT_EQ(area->map().fields().size(), 39U);
        EXPECT_EQ(area->map().equipment_codes().size(), 15U);
        EXPECT_EQ(area->slot_address(10), kind == AreaKind::read ? 6900 : 7900);
    }
    auto failure = load_area(AreaKind::failure, "", 10, 100);
    ASSERT_TRUE(failure.ok()) << failure.error().message();
    EXPECT_EQ(failure->slots(), 1);
    EXPECT_EQ(failure->map().base(), 8000);
    EXPECT_EQ(failure->total_words(), 23);
}

TEST(MapCsv, TheShippedFilesOnDiskEqualTheCompiledInDefaults) {
    for (AreaKind kind : {AreaKind::read, AreaKind::write, AreaKind::failure}) {
        const std::string path =
            std::string(PLCBRIDGE_SOURCE_DIR) + "/config/" + std::string(area_kind_name(kind)) + "_map.csv";
        auto from_disk = load_map_csv(path);
        ASSERT_TRUE(from_disk.ok()) << from_disk.error().message();
        auto built_in = parse_map_csv(default_map_csv(kind), "built-in");
        ASSERT_TRUE(built_in.ok());
        EXPECT_EQ(write_map_csv(*from_disk), write_map_csv(*built_in));
    }
}

TEST(MapCsv, WritingAndReadingBackGivesTheSameMap) {
    auto map = parse_map_csv(default_map_csv(AreaKind::read), "read");
    ASSERT_TRUE(map.ok());
    const std::string text = write_map_csv(*map);
    auto again = parse_map_csv(text, "again");
    ASSERT_TRUE(again.ok()) << again.error().message();
    EXPECT_EQ(write_map_csv(*again), text);
    const FieldSpec* quantity = again->find("quantity");
    ASSERT_NE(quantity, nullptr);
    EXPECT_EQ(quantity->type, DataType::int32);
    EXPECT_EQ(quantity->scale, 100U);
    EXPECT_EQ(quantity->order, WordOrder::high_first);
    EXPECT_EQ(again->find("silo113_id")->expected, 113);
    EXPECT_TRUE(again->find("batch_no")->expected_is_slot);
}

TEST(MapCsv, DefaultsFollowOmronConventions) {
    auto map = parse_map_csv("Informasi,Memory Address,Data Type\ncounter,D100-101,DINT\nname,D102-103,ASCII\n", "t");
    ASSERT_TRUE(map.ok()) << map.error().message();
    EXPECT_EQ(map->find("counter")->order, WordOrder::low_first) << "32-bit: low word at the lower address";
    EXPECT_EQ(map->find("name")->order, WordOrder::high_first) << "text: first character in the high byte";
}

TEST(MapCsv, QuotedCellsAndAliasesOfTheExistingSystemAreAccepted) {
    auto map = parse_map_csv(
        "No,Informasi,Data Type,length,Sample,scale,DM - Memory,Value\n"
        "1,status_read_data,boolean,1,\"0=not yet read, 1=have been read\",,D8022,0\n",
        "legacy-columns.csv");
    ASSERT_TRUE(map.ok()) << map.error().message();
    EXPECT_EQ(map->find("status_read_data")->address, 8022);
}

TEST(MapCsv, EveryErrorNamesTheLineAndTheProblem) {
    struct Case {
        std::string_view body;
        Errc code;
        std::string_view says;
    };
    const Case cases[] = {
        {"a,x,D100,FLOAT,,,,,\n", Errc::bad_field, "line 2: unknown data type 'FLOAT'"},
        {"a,x,D100,INT,,,,,\nb,x,D101,INT,,,,,\nc,x,W5,INT,,,,,\n", Errc::bad_field, "line 4: memory address 'W5'"},
        {"a,x,D40000,INT,,,,,\n", Errc::bad_field, "line 2"},
        {"a,x,D32767-32768,DINT,,,,,\n", Errc::bad_field, "beyond D32767"},
        {"a,x,D100-101,DINT,,,,,\nb,x,D101,INT,,,,,\n", Errc::overlapping_fields,
         "'a' (line 2, D100-101) and 'b' (line 3"},
        {"a,x,D100,INT,,,,,\na,x,D101,INT,,,,,\n", Errc::duplicate_key, "key 'a' on line 2 and again on line 3"},
        {"a,x,D100,INT,7,,,,\n", Errc::bad_field, "line 2: scale '7'"},
        {"a,x,D100-101,REAL,100,,,,\n", Errc::bad_field, "DINT with Scale 100 and Word Order HL"},
        {"a,x,D100,INT,,HL,,,\n", Errc::bad_field, "word order applies to 32-bit and ASCII"},
        {"a,x,D100-101,INT,,,,,\n", Errc::bad_field, "INT but spans 2 word(s)"},
        {"NO-MO,x,D6001-6008,ASCII,,,,,\n", Errc::bad_field, "map import"},
        {"a,x,D100,INT,,,maybe,,\n", Errc::bad_field, "Expected 'maybe'"},
        {"a,x,D100,ASCII,,,5,,\n", Errc::bad_field, "Expected applies to integer fields"},
        {"a,x,D100,INT,,,,10,1\n", Errc::bad_field, "Min 10 is above Max 1"},
        {"a,\"x,D100,INT\n", Errc::bad_map_file, "never closed"},
    };
    for (const auto& c : cases) {
        const Error e = load_error(c.body);
        EXPECT_EQ(e.code, c.code) << c.body << " -> " << e.message();
        EXPECT_NE(e.detail.find(c.says), std::string::npos) << c.body << " -> " << e.detail;
        EXPECT_NE(e.detail.find("plant.csv"), std::string::npos) << "the message names the file";
    }
}

TEST(MapCsv, HeaderWithoutRequiredColumnsIsRefused) {
    auto map = parse_map_csv("Name,Address\nx,D1\n", "t.csv");
    ASSERT_FALSE(map.ok());
    EXPECT_NE(map.error().detail.find("line 1: the header lacks 'Informasi'"), std::string::npos);
    EXPECT_FALSE(parse_map_csv("", "t.csv").ok());
}

TEST(MapCsv, ASlotMapWithoutTheTaskKeysIsRefused) {
    const std::string path = ::testing::TempDir() + "/partial_map.csv";
    {
        std::ofstream out(path);
        out << kHeader << "batch_no,x,D6000,INT,,,slot,,\n";
    }
    auto area = load_area(AreaKind::read, path, 10, 100);
    ASSERT_FALSE(area.ok());
    EXPECT_EQ(area.error().code, Errc::missing_key);
    EXPECT_NE(area.error().detail.find("mo_id"), std::string::npos);
    EXPECT_NE(area.error().detail.find("status_operation"), std::string::npos);
}

TEST(MapCsv, SlotLayoutsThatOverlapOrLeaveTheDmAreaAreRefused) {
    auto map = parse_map_csv(default_map_csv(AreaKind::read), "read");
    ASSERT_TRUE(map.ok());
    auto overlap = SlotArea::create(*map, 10, 50, "read area");
    ASSERT_FALSE(overlap.ok());
    EXPECT_NE(overlap.error().detail.find("slot_stride 50 is smaller than one slot (77 words"), std::string::npos);
    auto beyond = SlotArea::create(*map, 300, 100, "read area");
    ASSERT_FALSE(beyond.ok());
    EXPECT_NE(beyond.error().detail.find("beyond D32767"), std::string::npos);
    EXPECT_FALSE(load_map_csv("/nonexistent/map.csv").ok());
}

}  // namespace
}  // namespace plcbridge::memory_map
