#include <gtest/gtest.h>

#include <limits>
#include <random>

#include "plcbridge/memory_map/errc.hpp"
#include "plcbridge/memory_map/field_codec.hpp"

namespace plcbridge::memory_map {
namespace {

FieldSpec spec(DataType type, std::uint16_t words, std::uint32_t scale = 1, WordOrder order = WordOrder::high_first) {
    FieldSpec f;
    f.key = "f";
    f.address = 100;
    f.words = words;
    f.type = type;
    f.scale = scale;
    f.order = order;
    return f;
}

/// encode then decode must give the value back exactly.
void expect_round_trip(const FieldSpec& f, const Value& v) {
    std::vector<std::uint16_t> words(f.words, 0xAAAA);
    auto encoded = encode_field(f, v, words, 1);
    ASSERT_TRUE(encoded.ok()) << type_name(f.type) << " " << to_display(v) << ": " << encoded.error().message();
    const FieldValue back = decode_field(f, words, 1);
    ASSERT_TRUE(back.ok()) << back.issue;
    if (const auto* d = std::get_if<Decimal>(&v)) {
        EXPECT_EQ(std::get<Decimal>(back.value), *d) << type_name(f.type);
    } else {
        EXPECT_EQ(back.value, v) << type_name(f.type) << " " << to_display(v);
    }
}

TEST(FieldCodecProperty, EncodeThenDecodeIsTheIdentityForEveryType) {
    std::mt19937_64 rng(7);
    const WordOrder orders[] = {WordOrder::high_first, WordOrder::low_first};
    for (int i = 0; i < 3000; ++i) {
        const WordOrder order = orders[i % 2];
        const std::uint32_t scale = std::array<std::uint32_t, 3>{1, 10, 100}[static_cast<std::size_t>(i % 3)];
        const auto r = rng();
        expect_round_trip(spec(DataType::int16, 1, scale), Decimal{static_cast<std::int16_t>(r), scale});
        expect_round_trip(spec(DataType::uint16, 1, scale), Decimal{static_cast<std::uint16_t>(r), scale});
        expect_round_trip(spec(DataType::int32, 2, scale, order), Decimal{static_cast<std::int32_t>(r), scale});
        expect_round_trip(spec(DataType::uint32, 2, scale, order), Decimal{static_cast<std::uint32_t>(r), scale});
        expect_round_trip(spec(DataType::bcd, 1, scale), Decimal{static_cast<std::int64_t>(r % 10000), scale});
        expect_round_trip(spec(DataType::boolean, 1), Value{(r & 1) == 1});
        float f = std::bit_cast<float>(static_cast<std::uint32_t>(r));
        if (std::isfinite(f)) expect_round_trip(spec(DataType::real32, 2, 1, order), Value{static_cast<double>(f)});
        std::string text;
        const std::size_t length = r % 17;
        for (std::size_t c = 0; c < length; ++c)
            text.push_back(static_cast<char>(0x20 + (rng() % 95)));
        expect_round_trip(spec(DataType::ascii, 8, 1, order), Value{text});
    }
}

TEST(FieldCodecProperty, LimitsAndEmptyStringsRoundTrip) {
    expect_round_trip(spec(DataType::int16, 1), Decimal{-32768, 1});
    expect_round_trip(spec(DataType::int16, 1), Decimal{32767, 1});
    expect_round_trip(spec(DataType::uint16, 1), Decimal{65535, 1});
    expect_round_trip(spec(DataType::int32, 2, 100), Decimal{std::numeric_limits<std::int32_t>::min(), 100});
    expect_round_trip(spec(DataType::int32, 2, 100), Decimal{std::numeric_limits<std::int32_t>::max(), 100});
    expect_round_trip(spec(DataType::uint32, 2), Decimal{0xFFFFFFFFLL, 1});
    expect_round_trip(spec(DataType::bcd, 1), Decimal{9999, 1});
    expect_round_trip(spec(DataType::bcd, 1), Decimal{0, 1});
    expect_round_trip(spec(DataType::ascii, 8), Value{std::string{}});
    expect_round_trip(spec(DataType::ascii, 8), Value{std::string(16, '~')});
    expect_round_trip(spec(DataType::ascii, 1), Value{std::string("A")});
}

TEST(FieldCodec, PlantDoubleWordIsHighWordFirst) {
    // Live capture: D6025 = 1, D6026 = 34464 -> 100000 -> 1000.00 kg.
    const std::uint16_t words[] = {1, 34464};
    const FieldValue v = decode_field(spec(DataType::int32, 2, 100, WordOrder::high_first), words, 1);
    EXPECT_EQ(to_display(v.value), "1000.00");
    const FieldValue native = decode_field(spec(DataType::int32, 2, 100, WordOrder::low_first), words, 1);
    EXPECT_EQ(std::get<Decimal>(native.value).raw, (34464 << 16) | 1);
}

TEST(FieldCodec, TextHasItsFirstCharacterInTheHighByteUnlessSwapped) {
    const std::uint16_t wh[] = {0x5748, 0x2F4D};  // "WH/M"
    EXPECT_EQ(std::get<std::string>(decode_field(spec(DataType::ascii, 2), wh, 1).value), "WH/M");
    EXPECT_EQ(std::get<std::string>(decode_field(spec(DataType::ascii, 2, 1, WordOrder::low_first), wh, 1).value),
              "HWM/");
}

TEST(FieldCodec, StrictDecodingNamesTheProblemAndKeepsWhatThePlcHeld) {
    const std::uint16_t two[] = {2};
    FieldValue b = decode_field(spec(DataType::boolean, 1), two, 1);
    EXPECT_FALSE(b.ok());
    EXPECT_EQ(b.issue, "BOOL word holds 0x0002 (must be 0 or 1)");

    const std::uint16_t control[] = {0x5701, 0x0000};
    FieldValue t = decode_field(spec(DataType::ascii, 2), control, 1);
    EXPECT_NE(t.issue.find("byte 0x01 at character 2 is not printable"), std::string::npos) << t.issue;

    const std::uint16_t misplaced[] = {0x5700, 0x4800};  // "W", NUL, "H"
    FieldValue m = decode_field(spec(DataType::ascii, 2), misplaced, 1);
    EXPECT_NE(m.issue.find("follows the NUL padding"), std::string::npos) << m.issue;

    const std::uint16_t not_bcd[] = {0x20A6};
    FieldValue bcd = decode_field(spec(DataType::bcd, 1), not_bcd, 1);
    EXPECT_NE(bcd.issue.find("not BCD"), std::string::npos);

    FieldSpec id = spec(DataType::int16, 1);
    id.expected = 101;
    const std::uint16_t shifted[] = {0xB100};
    FieldValue wrong_id = decode_field(id, shifted, 1);
    EXPECT_EQ(wrong_id.issue, "expected 101, the PLC holds -20224");
    EXPECT_EQ(std::get<Decimal>(wrong_id.value).raw, -20224) << "never replaced by the expected id";

    FieldSpec batch = spec(DataType::int16, 1);
    batch.expected_is_slot = true;
    const std::uint16_t three[] = {3};
    EXPECT_TRUE(decode_field(batch, three, 3).ok());
    EXPECT_FALSE(decode_field(batch, three, 4).ok());

    FieldSpec weight = spec(DataType::int32, 2, 100);
    weight.min = 0;
    weight.max = 100000;
    const std::uint16_t huge[] = {0x0100, 0x0000};  // 16777216 -> 167772.16 kg
    FieldValue w = decode_field(weight, huge, 1);
    EXPECT_NE(w.issue.find("167772.16 is outside the plausible range 0..100000"), std::string::npos) << w.issue;
}

TEST(FieldCodec, EncodingRefusesWhatDoesNotFit) {
    std::vector<std::uint16_t> one(1);
    std::vector<std::uint16_t> eight(8);
    EXPECT_EQ(encode_field(spec(DataType::int16, 1), Decimal{40000, 1}, one, 1).error().code, Errc::value_out_of_range);
    EXPECT_EQ(encode_field(spec(DataType::uint16, 1), Decimal{-1, 1}, one, 1).error().code, Errc::value_out_of_range);
    EXPECT_EQ(encode_field(spec(DataType::bcd, 1), Decimal{10000, 1}, one, 1).error().code, Errc::value_out_of_range);
    EXPECT_EQ(encode_field(spec(DataType::ascii, 8), std::string(17, 'x'), eight, 1).error().code,
              Errc::value_out_of_range);
    // Characters, not bytes: nine two-byte letters are nine characters (issue 12, item 9).
    std::string accented;
    for (int k = 0; k < 9; ++k)
        accented += "\xC3\x89";
    EXPECT_NE(encode_field(spec(DataType::ascii, 4), accented, std::span(eight).first(4), 1)
                  .error()
                  .detail.find("has 9 characters; the PLC field holds 8"),
              std::string::npos);
    EXPECT_EQ(encode_field(spec(DataType::ascii, 8), std::string("tab\there"), eight, 1).error().code,
              Errc::value_out_of_range);
    EXPECT_EQ(encode_field(spec(DataType::int16, 1), std::string("7"), one, 1).error().code, Errc::wrong_value_type);
    EXPECT_EQ(encode_field(spec(DataType::boolean, 1), Decimal{1, 1}, one, 1).error().code, Errc::wrong_value_type);
    FieldSpec id = spec(DataType::int16, 1);
    id.expected = 101;
    EXPECT_EQ(encode_field(id, Decimal{102, 1}, one, 1).error().code, Errc::value_out_of_range);
}

TEST(FieldCodec, ScaledEncodingRoundsHalfAwayFromZero) {
    std::vector<std::uint16_t> words(2);
    ASSERT_TRUE(encode_field(spec(DataType::int32, 2, 100), 302.15, words, 1).ok());
    EXPECT_EQ(words[1], 30215) << "the existing system truncated this to 30214";
    ASSERT_TRUE(encode_field(spec(DataType::int32, 2, 100), Decimal{30215, 1000}, words, 1).ok());
    EXPECT_EQ(words[1], 3022) << "30.215 -> 30.22";
}

}  // namespace
}  // namespace plcbridge::memory_map
