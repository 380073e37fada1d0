#include <gtest/gtest.h>

#include "plcbridge/fins/end_code.hpp"
#include "plcbridge/fins/errc.hpp"

namespace plcbridge::fins {
namespace {

TEST(EndCode, MasksRelayAndCpuErrorFlags) {
    // 0x8103 = relay error flag + 0x0103; 0x11C3 = 0x1103 with fatal and non-fatal flags.
    EXPECT_EQ(EndCode::from_raw(0x8103).code(), 0x0103);
    EXPECT_TRUE(EndCode::from_raw(0x8103).network_relay_error());
    const EndCode flagged = EndCode::from_raw(0x11C3);
    EXPECT_EQ(flagged.code(), 0x1103);
    EXPECT_TRUE(flagged.fatal_cpu_error());
    EXPECT_TRUE(flagged.non_fatal_cpu_error());
}

TEST(EndCode, Code0040IsSuccessWithAStandingWarning) {
    const EndCode warning = EndCode::from_raw(0x0040);
    EXPECT_TRUE(warning.success());
    EXPECT_TRUE(warning.non_fatal_cpu_error());
    EXPECT_EQ(reaction(warning), EndCodeReaction::ok);
    EXPECT_NE(describe(warning).find("non-fatal CPU error"), std::string::npos);
}

TEST(EndCode, EveryTableEntryHasANameAndMeaningAndIsFindable) {
    ASSERT_GT(all_end_codes().size(), 80U);
    for (const EndCodeInfo& info : all_end_codes()) {
        EXPECT_FALSE(info.name.empty()) << info.code;
        EXPECT_FALSE(info.meaning.empty()) << info.code;
        EXPECT_EQ(find_end_code(info.code), &info);
    }
}

TEST(EndCode, EveryCodeFromFinsMdIsNamed) {
    for (std::uint16_t code : std::initializer_list<std::uint16_t>{
             0x0001, 0x0101, 0x0106, 0x0201, 0x0205, 0x0301, 0x0304, 0x0401, 0x0402, 0x0501, 0x0504,
             0x1001, 0x1005, 0x1101, 0x1104, 0x1106, 0x110C, 0x2002, 0x2007, 0x2101, 0x2108, 0x2201,
             0x2208, 0x2301, 0x2303, 0x2401, 0x2502, 0x2510, 0x2601, 0x260B, 0x3001, 0x4001}) {
        EXPECT_NE(find_end_code(code), nullptr) << std::hex << code;
    }
}

TEST(EndCode, UnknownCodeIsDescribedAsSuch) {
    EXPECT_EQ(find_end_code(0x7777), nullptr);
    EXPECT_NE(describe(EndCode::from_raw(0x7777)).find("not defined"), std::string::npos);
    EXPECT_EQ(reaction(EndCode::from_raw(0x7777)), EndCodeReaction::plc_fault);
}

TEST(EndCode, TransientCodesAreRetriedAndFormatErrorsAreNot) {
    for (std::uint16_t code : std::initializer_list<std::uint16_t>{0x0001, 0x0204, 0x0205, 0x2605, 0x3001, 0x4001}) {
        EXPECT_EQ(reaction(EndCode::from_raw(code)), EndCodeReaction::retry) << std::hex << code;
    }
    for (std::uint16_t code : std::initializer_list<std::uint16_t>{0x1001, 0x1103, 0x1104, 0x2101, 0x0401}) {
        EXPECT_EQ(reaction(EndCode::from_raw(code)), EndCodeReaction::config_error) << std::hex << code;
    }
}

TEST(EndCode, ErrorCodeCarriesTheMaskedCodeAndItsName) {
    const std::error_code ec = to_error_code(EndCode::from_raw(0x1103));
    EXPECT_EQ(ec.value(), 0x1103);
    EXPECT_EQ(&ec.category(), &end_code_category());
    EXPECT_NE(ec.message().find("0x1103 address range error"), std::string::npos);
}

TEST(FinsErrc, EveryValueHasAMessage) {
    for (int v = static_cast<int>(Errc::truncated); v <= static_cast<int>(Errc::invalid_address); ++v) {
        const std::string message = make_error_code(static_cast<Errc>(v)).message();
        EXPECT_FALSE(message.empty());
        EXPECT_EQ(message.find("unknown fins error"), std::string::npos) << v;
    }
}

}  // namespace
}  // namespace plcbridge::fins
