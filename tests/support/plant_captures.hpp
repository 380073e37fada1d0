#pragma once
// The plant's READ-area captures (tests/data/plc_snapshots): one CSV per slot with each field's
// DM address and raw words, reassembled into the slot's words as the PLC held them.

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "plcbridge/memory_map/csv.hpp"
#include "plcbridge/memory_map/map_csv.hpp"
#include "plcbridge/memory_map/slot_area.hpp"

namespace plcbridge::testing {

using memory_map::parse_address_range;
using memory_map::parse_csv;
using memory_map::SlotArea;

inline std::string data_dir() {
    const char* dir = std::getenv("PLCBRIDGE_TEST_DATA");
    return dir ? dir : "tests/data";
}

/// A capture CSV as rows of column name -> cell.
inline std::vector<std::map<std::string, std::string>> read_capture(const std::string& path) {
    std::ifstream in(path);
    EXPECT_TRUE(in) << path;
    std::stringstream text;
    text << in.rdbuf();
    auto parsed = parse_csv(text.str());
    EXPECT_TRUE(parsed) << parsed.error().message();
    if (!parsed) return {};
    const std::vector<memory_map::CsvRow>& rows = *parsed;
    std::vector<std::map<std::string, std::string>> out;
    for (std::size_t r = 1; r < rows.size(); ++r) {
        std::map<std::string, std::string> row;
        for (std::size_t c = 0; c < rows[0].cells.size() && c < rows[r].cells.size(); ++c) {
            row[rows[0].cells[c]] = rows[r].cells[c];
        }
        out.push_back(std::move(row));
    }
    return out;
}

inline std::vector<std::uint16_t> words_of(const std::string& raw) {
    std::vector<std::uint16_t> words;
    std::stringstream in(raw);
    std::string w;
    while (std::getline(in, w, '|'))
        words.push_back(static_cast<std::uint16_t>(std::stoul(w)));
    return words;
}

/// The slot's 77 words reassembled from the capture's per-field raw words.
inline std::vector<std::uint16_t> slot_words(const SlotArea& area, int slot,
                                             const std::vector<std::map<std::string, std::string>>& rows) {
    std::vector<std::uint16_t> words(area.map().span(), 0xDEAD);  // any gap left unfilled shows up
    for (const auto& row : rows) {
        auto range = parse_address_range(row.at("dm_address"));
        EXPECT_TRUE(range.ok());
        const auto raw = words_of(row.at("raw_words"));
        for (std::size_t i = 0; i < raw.size(); ++i)
            words.at(range->first - area.slot_address(slot) + i) = raw[i];
    }
    return words;
}

/// The slot's words from the capture file of `kind` ("live" or "garbled").
inline std::vector<std::uint16_t> capture_words(const SlotArea& area, int slot, const std::string& kind) {
    const std::string suffix = kind == "live" ? "LIVE" : "TRANSLATED";
    const std::string file = data_dir() + "/plc_snapshots/" + kind + "/PLC_BATCH_READ_" + (slot < 10 ? "0" : "") +
                             std::to_string(slot) + "_" + suffix + ".csv";
    return slot_words(area, slot, read_capture(file));
}

}  // namespace plcbridge::testing
