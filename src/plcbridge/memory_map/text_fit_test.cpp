#include "plcbridge/memory_map/text_fit.hpp"

#include <gtest/gtest.h>

#include "plcbridge/memory_map/errc.hpp"
#include "plcbridge/memory_map/map_csv.hpp"

namespace plcbridge::memory_map {
namespace {

TEST(TextFit, TheFirstCharactersAsThePlantsPlcHoldsThem) {
    // Odoo's names and what the plant's live READ area holds for them (tests/data/plc_snapshots/live).
    auto sapot = fit_text("bom", "[10092] JF SAPOT 1B", 16, TextOverflow::truncate);
    ASSERT_TRUE(sapot);
    EXPECT_EQ(sapot->plc, "[10092] JF SAPOT");
    EXPECT_TRUE(sapot->shortened);
    EXPECT_FALSE(sapot->transliterated);
    auto plus = fit_text("bom", "[10083] JF PLUS UVP", 16, TextOverflow::truncate);
    ASSERT_TRUE(plus);
    EXPECT_EQ(plus->plc, "[10083] JF PLUS ") << "the trailing space is kept, as the PLC holds it";
    auto kur = fit_text("bom", "JF PLUS KUR", 16, TextOverflow::truncate);
    ASSERT_TRUE(kur);
    EXPECT_EQ(kur->plc, "JF PLUS KUR");
    EXPECT_FALSE(kur->changed());
}

TEST(TextFit, ObviousCharactersAreTransliteratedTheRestBecomeQuestionMarks) {
    EXPECT_EQ(to_printable_ascii("JF PLUS \xE2\x80\x93 K\xC3\x9CR"), "JF PLUS - KUR");  // en dash, U umlaut
    EXPECT_EQ(to_printable_ascii("P\xC3\xA9pite \xE2\x80\x9C"
                                 "A\xE2\x80\x9D"),
              "Pepite \"A\"");
    EXPECT_EQ(to_printable_ascii("\xC5\xA0\xC4\x8D\xC5\x82"), "Scl");  // Latin Extended-A
    EXPECT_EQ(to_printable_ascii("Stra\xC3\x9F"
                                 "e \xC3\x86"),
              "Strasse AE");                                       // ligatures
    EXPECT_EQ(to_printable_ascii("\xE6\xB0\xB4 feed"), "? feed");  // a CJK character
    EXPECT_EQ(to_printable_ascii("a\xFF"
                                 "b\xC3"),
              "a?b?");  // not UTF-8 at all
    EXPECT_EQ(to_printable_ascii("\xE0\x80\xAF"), "???") << "an overlong form is three bad bytes";
    EXPECT_EQ(to_printable_ascii("x\ty\n"), "x y?");
    auto fitted = fit_text("finished_goods", "Konsentrat \xE2\x80\x93 Sapi", 16, TextOverflow::truncate);
    ASSERT_TRUE(fitted);
    EXPECT_EQ(fitted->plc, "Konsentrat - Sap");
    EXPECT_TRUE(fitted->shortened);
    EXPECT_TRUE(fitted->transliterated);
}

TEST(TextFit, RefuseNeverChangesTheText) {
    auto ok = fit_text("mo_id", "WH/MO/00011", 16, TextOverflow::refuse);
    ASSERT_TRUE(ok);
    EXPECT_EQ(ok->plc, "WH/MO/00011");
    auto long_id = fit_text("mo_id", "PLANT2/WH/MO/000123", 16, TextOverflow::refuse);
    ASSERT_FALSE(long_id);
    EXPECT_EQ(long_id.error().code, Errc::value_out_of_range);
    EXPECT_NE(long_id.error().detail.find("mo_id 'PLANT2/WH/MO/000123' has 19 characters and the PLC field holds 16"),
              std::string::npos)
        << long_id.error().detail;
    auto accented = fit_text("mo_id",
                             "WH/MO/\xC3\x89"
                             "001",
                             16, TextOverflow::refuse);
    ASSERT_FALSE(accented);
    EXPECT_NE(accented.error().detail.find("not printable ASCII"), std::string::npos);
}

TEST(TextFit, TheMapSaysPerFieldAndTheMoIdRefusesByDefault) {
    const std::string csv =
        "Informasi,Keterangan,Memory Address,Data Type,Overflow\n"
        "batch_no,,D7000,INT,\n"
        "mo_id,,D7001-7008,ASCII,\n"
        "bom,,D7009-7016,ASCII,refuse\n"
        "finished_goods,,D7017-7024,ASCII,\n";
    auto map = parse_map_csv(csv, "t.csv");
    ASSERT_TRUE(map) << map.error().message();
    EXPECT_EQ(map->find("mo_id")->overflow, TextOverflow::refuse);
    EXPECT_EQ(map->find("bom")->overflow, TextOverflow::refuse);
    EXPECT_EQ(map->find("finished_goods")->overflow, TextOverflow::truncate);
    EXPECT_NE(write_map_csv(*map).find(",refuse\n"), std::string::npos) << "a non-default policy survives a round trip";

    auto bad = parse_map_csv("Informasi,Keterangan,Memory Address,Data Type,Overflow\nbatch_no,,D7000,INT,truncate\n",
                             "t.csv");
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().detail.find("t.csv line 2: Overflow applies to ASCII fields, not INT"), std::string::npos)
        << bad.error().detail;
    auto word =
        parse_map_csv("Informasi,Keterangan,Memory Address,Data Type,Overflow\nbom,,D7009-7016,ASCII,cut\n", "t.csv");
    ASSERT_FALSE(word);
    EXPECT_NE(word.error().detail.find("Overflow 'cut' must be truncate or refuse"), std::string::npos);
}

}  // namespace
}  // namespace plcbridge::memory_map
