#include "plcbridge/core/utf8.hpp"

#include <gtest/gtest.h>

namespace plcbridge {
namespace {

TEST(Utf8, ValidTextPassesAndEveryKindOfBrokenSequenceIsCaught) {
    EXPECT_TRUE(is_valid_utf8(""));
    EXPECT_TRUE(is_valid_utf8("[10092] JF SAPOT 1B"));
    EXPECT_TRUE(is_valid_utf8("JF PLUS \xE2\x80\x93 K\xC3\x9CR"));
    EXPECT_TRUE(is_valid_utf8("\xF0\x9F\x90\x84"));  // U+1F404, four bytes
    EXPECT_FALSE(is_valid_utf8("\xFF"));
    EXPECT_FALSE(is_valid_utf8("x\xC3"));             // cut short
    EXPECT_FALSE(is_valid_utf8("\xC3\x28"));          // not a continuation byte
    EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong '/'
    EXPECT_FALSE(is_valid_utf8("\xE0\x80\xAF"));      // overlong, three bytes
    EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // a surrogate
    EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // past U+10FFFF
    EXPECT_EQ(character_count("JF PLUS \xE2\x80\x93 K\xC3\x9CR"), 13U) << "characters, not bytes (16)";
    EXPECT_EQ(character_count("a\xFF"), 2U);
    std::size_t at = 0;
    EXPECT_EQ(next_code_point("\xC3\xA9x", at), U'\u00E9');
    EXPECT_EQ(at, 2U);
}

}  // namespace
}  // namespace plcbridge
