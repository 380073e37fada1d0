// The plant's own captures against the built-in map: every field of all 10 live slots decodes to
// the captured value at the captured address; garbled reads never decode as valid and nothing in
// them is "corrected"; the D10000 write/read round trip reproduces the captured raw words.
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "plcbridge/memory_map/batch_slot.hpp"
#include "plcbridge/memory_map/csv.hpp"
#include "plcbridge/memory_map/default_maps.hpp"
#include "plcbridge/memory_map/legacy_map.hpp"
#include "plcbridge/memory_map/map_csv.hpp"
#include "support/plant_captures.hpp"

namespace plcbridge::memory_map {
namespace {

using testing::data_dir;
using testing::read_capture;
using testing::slot_words;
using testing::words_of;

SlotArea read_area() {
    auto area = load_area(AreaKind::read, "", 10, 100);
    EXPECT_TRUE(area.ok()) << area.error().message();
    return std::move(area).value();
}

TEST(PlantCaptures, EveryFieldOfAllTenLiveSlotsDecodesToTheCapturedValue) {
    const SlotArea area = read_area();
    int fields_checked = 0;
    for (int slot = 1; slot <= 10; ++slot) {
        const auto rows =
            read_capture(data_dir() + fmt::format("/plc_snapshots/live/PLC_BATCH_READ_{:02}_LIVE.csv", slot));
        ASSERT_EQ(rows.size(), 39U);
        const SlotRecord record = area.decode_slot(slot, slot_words(area, slot, rows));
        EXPECT_EQ(record.status, SlotStatus::valid)
            << "slot " << slot << ": " << fmt::format("{}", fmt::join(record.issues(), "; "));

        for (const auto& row : rows) {
            const std::string key = legacy_key(row.at("field_name"));
            const FieldSpec* spec = area.map().find(key);
            ASSERT_NE(spec, nullptr) << row.at("field_name") << " -> " << key;
            // The built-in map puts the field exactly where the plant has it.
            auto captured = parse_address_range(row.at("dm_address"));
            ASSERT_TRUE(captured.ok());
            EXPECT_EQ(area.field_address(slot, *spec), captured->first) << key;
            EXPECT_EQ(spec->words, captured->words) << key;

            const FieldValue* value = record.get(key);
            ASSERT_NE(value, nullptr);
            EXPECT_TRUE(value->ok()) << key << ": " << value->issue;
            const std::string& expected = row.at("decoded_value");
            if (const auto* d = std::get_if<Decimal>(&value->value)) {
                EXPECT_EQ(*d, Decimal::parse(expected, d->scale).value()) << "slot " << slot << " " << key;
            } else if (const auto* b = std::get_if<bool>(&value->value)) {
                EXPECT_EQ(*b ? "True" : "False", expected) << key;
            } else {
                EXPECT_EQ(std::get<std::string>(value->value), expected) << key;
            }
            ++fields_checked;
        }
        const BatchSlot batch = to_batch_slot(record);
        EXPECT_EQ(batch.mo_id, fmt::format("WH/MO/{:05}", 10 + slot));
        EXPECT_EQ(batch.batch_no, slot);
        EXPECT_TRUE(batch.finished);
        EXPECT_FALSE(batch.failed);
        EXPECT_EQ(batch.consumption.size(), 15U);
    }
    EXPECT_EQ(fields_checked, 390);
}

TEST(PlantCaptures, LiveSlotOneHasTheKnownConsumption) {
    const SlotArea area = read_area();
    const auto rows = read_capture(data_dir() + "/plc_snapshots/live/PLC_BATCH_READ_01_LIVE.csv");
    const BatchSlot batch = to_batch_slot(area.decode_slot(1, slot_words(area, 1, rows)));
    ASSERT_TRUE(batch.clean());
    EXPECT_EQ(batch.quantity.to_string(), "1000.00");
    EXPECT_EQ(batch.bom, "[10092] JF SAPOT");
    EXPECT_EQ(batch.consumption[1], (EquipmentAmount{"silo102", Decimal{15000, 100}}));
    EXPECT_EQ(batch.consumption[14], (EquipmentAmount{"lq115", Decimal{3000, 100}}));
}

TEST(PlantCaptures, GarbledReadsNeverDecodeAsValidAndNothingIsCorrected) {
    const SlotArea area = read_area();
    int garbage = 0;
    for (int slot = 1; slot <= 10; ++slot) {
        const auto rows =
            read_capture(data_dir() + fmt::format("/plc_snapshots/garbled/PLC_BATCH_READ_{:02}_TRANSLATED.csv", slot));
        const auto words = slot_words(area, slot, rows);
        const SlotRecord record = area.decode_slot(slot, words);
        const BatchSlot batch = to_batch_slot(record);
        EXPECT_FALSE(batch.clean()) << "garbled slot " << slot << " decoded as valid";
        if (record.status == SlotStatus::empty) {
            EXPECT_TRUE(std::all_of(words.begin(), words.end(), [](std::uint16_t w) { return w == 0; }));
            continue;
        }
        ++garbage;
        EXPECT_EQ(record.status, SlotStatus::invalid) << "slot " << slot;
        EXPECT_FALSE(record.issues().empty());
        // The existing system "normalized" these; we show what the PLC holds and say why it is wrong.
        for (const auto& row : rows) {
            const std::string key = legacy_key(row.at("field_name"));
            const FieldValue* v = record.get(key);
            ASSERT_NE(v, nullptr);
            if (area.map().find(key)->expected) {  // equipment ids
                const auto raw = static_cast<std::int16_t>(words_of(row.at("raw_words"))[0]);
                EXPECT_EQ(std::get<Decimal>(v->value).raw, raw) << key << " was replaced";
                if (v->ok()) ADD_FAILURE() << key << " = " << raw << " accepted";
            }
        }
        const FieldValue* op = record.get("status_operation");
        EXPECT_FALSE(op->ok()) << "a noise word must not read as a failure flag";
        EXPECT_NE(op->issue.find("must be 0 or 1"), std::string::npos);
    }
    EXPECT_EQ(garbage, 2) << "slots 1 and 6 of the capture are noise, the others are all zero";
}

TEST(PlantCaptures, WriteReadRoundTripAtD10000ReproducesTheCapturedWords) {
    // The capture wrote slot-1 WRITE fields to scratch D10000.. and read them back; our write map,
    // moved to D10000 - 27 so silo101_id lands on D10000, must produce the same raw words.
    const auto rows = read_capture(data_dir() + "/plc_snapshots/write_read_roundtrip_d10000.csv");
    ASSERT_EQ(rows.size(), 34U);
    auto write_map = parse_map_csv(default_map_csv(AreaKind::write), "write map");
    ASSERT_TRUE(write_map.ok());
    for (const auto& row : rows) {
        const std::string key = legacy_key(row.at("field"));
        const FieldSpec* spec = write_map->find(key);
        ASSERT_NE(spec, nullptr) << key;
        EXPECT_EQ(spec->address, std::stoi(row.at("src_dm"))) << key;
        std::vector<std::uint16_t> words(spec->words);
        Value value = spec->type == DataType::boolean ? Value{row.at("expected") == "1"}
                                                      : Value{Decimal::parse(row.at("expected"), spec->scale).value()};
        ASSERT_TRUE(encode_field(*spec, value, words, 1).ok()) << key;
        std::vector<std::uint16_t> captured;
        std::stringstream in(row.at("raw_words"));
        for (unsigned w = 0; in >> w;)
            captured.push_back(static_cast<std::uint16_t>(w));
        EXPECT_EQ(words, captured) << key;
        const FieldValue back = decode_field(*spec, words, 1);
        EXPECT_TRUE(back.ok()) << key << ": " << back.issue;
        EXPECT_EQ(to_display(back.value), spec->type == DataType::boolean
                                              ? (row.at("decoded") == "1" ? "true" : "false")
                                              : Decimal::parse(row.at("decoded"), spec->scale)->to_string())
            << key;
    }
}

TEST(PlantCaptures, TheMonitorViewOfSlotFourDecodesThroughOurMap) {
    // CX-Programmer shows 32-bit cells as D[n+1]:D[n] (low word first, Omron's native order). Split
    // each cell back into its two words and the built-in map must read a clean slot 4 from them.
    const SlotArea area = read_area();
    const auto rows = read_capture(data_dir() + "/plc_snapshots/PLC_BATCH_READ_04_MONITOR.csv");
    ASSERT_EQ(rows.size(), 8U);
    std::vector<std::uint16_t> words;
    for (const auto& row : rows) {
        for (const char* column : {"+0", "+2", "+4", "+6", "+8"}) {
            const auto cell = static_cast<std::uint32_t>(std::stoul(row.at(column), nullptr, 16));
            words.push_back(static_cast<std::uint16_t>(cell & 0xFFFF));  // D[n]
            words.push_back(static_cast<std::uint16_t>(cell >> 16));     // D[n+1]
        }
    }
    ASSERT_EQ(words.size(), 80U);
    words.resize(area.map().span());
    const BatchSlot slot = to_batch_slot(area.decode_slot(4, words));
    EXPECT_TRUE(slot.clean()) << fmt::format("{}", fmt::join(slot.issues, "; "));
    EXPECT_EQ(slot.batch_no, 4);
    EXPECT_EQ(slot.mo_id, "WH/MO/00014");
    EXPECT_EQ(slot.quantity.to_string(), "1000.00");
    EXPECT_TRUE(slot.finished);
    EXPECT_FALSE(slot.failed);
}

}  // namespace
}  // namespace plcbridge::memory_map
