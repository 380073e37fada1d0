#include <gtest/gtest.h>

#include "plcbridge/fins/address.hpp"
#include "plcbridge/fins/errc.hpp"

namespace plcbridge::fins {
namespace {

TEST(Address, ParsesEveryAreaInWordAndBitForm) {
    struct Case {
        std::string_view text;
        MemoryAddress expected;
    };
    const Case cases[] = {
        {"D6000", {Area::dm, 6000, 0, Access::word}},   {"DM7076", {Area::dm, 7076, 0, Access::word}},
        {"CIO10", {Area::cio, 10, 0, Access::word}},    {"W5", {Area::work, 5, 0, Access::word}},
        {"H3", {Area::holding, 3, 0, Access::word}},    {"A100", {Area::auxiliary, 100, 0, Access::word}},
        {"D100.05", {Area::dm, 100, 5, Access::bit}},   {"cio10.3", {Area::cio, 10, 3, Access::bit}},
        {"d32767", {Area::dm, 32767, 0, Access::word}}, {"W0.15", {Area::work, 0, 15, Access::bit}},
    };
    for (const auto& c : cases) {
        auto parsed = parse_address(c.text);
        ASSERT_TRUE(parsed.ok()) << c.text;
        EXPECT_EQ(*parsed, c.expected) << c.text;
    }
}

TEST(Address, RejectsMalformedTextWithAReason) {
    for (std::string_view bad : {"", "X100", "D", "D-1", "D65536", "D12a", "D100.", "D100.16", "D100.x", "CIO"}) {
        auto parsed = parse_address(bad);
        ASSERT_FALSE(parsed.ok()) << bad;
        EXPECT_EQ(parsed.error().code, Errc::invalid_address);
        EXPECT_NE(parsed.error().detail.find('\''), std::string::npos) << "the message quotes the input";
    }
}

TEST(Address, FormatsBackToTheCanonicalText) {
    EXPECT_EQ(format_address({Area::dm, 6000}), "D6000");
    EXPECT_EQ(format_address({Area::cio, 10, 3, Access::bit}), "CIO10.03");
    EXPECT_EQ(format_address({Area::holding, 1}), "H1");
}

TEST(Address, AreaCodesMatchCsCjMode) {
    EXPECT_EQ(area_code(Area::dm, Access::word), 0x82);
    EXPECT_EQ(area_code(Area::dm, Access::bit), 0x02);
    EXPECT_EQ(area_code(Area::cio, Access::word), 0xB0);
    EXPECT_EQ(area_code(Area::cio, Access::bit), 0x30);
    EXPECT_EQ(area_code(Area::work, Access::word), 0xB1);
    EXPECT_EQ(area_code(Area::work, Access::bit), 0x31);
    EXPECT_EQ(area_code(Area::holding, Access::word), 0xB2);
    EXPECT_EQ(area_code(Area::holding, Access::bit), 0x32);
    for (int c : {0x82, 0x02, 0xB0, 0x30, 0xB1, 0x31, 0xB2, 0x32, 0xB3, 0x33}) {
        const auto code = static_cast<std::uint8_t>(c);
        auto back = area_from_code(code);
        ASSERT_TRUE(back.has_value());
        EXPECT_EQ(area_code(back->area, back->access), code);
    }
    EXPECT_FALSE(area_from_code(0x98).has_value());  // EM: not supported, reported as unknown
}

TEST(Address, AdvanceStopsAtTheEndOfTheWordRange) {
    EXPECT_EQ(advance({Area::dm, 6000}, 977)->word, 6977);
    EXPECT_FALSE(advance({Area::dm, 65535}, 1).has_value());
    auto bit = advance({Area::dm, 100, 14, Access::bit}, 3);
    ASSERT_TRUE(bit.has_value());
    EXPECT_EQ(bit->word, 101);
    EXPECT_EQ(bit->bit, 1);
}

}  // namespace
}  // namespace plcbridge::fins
