#include "plcbridge/auth/password_hash.hpp"

#include <gtest/gtest.h>

#include "plcbridge/auth/random_token.hpp"

namespace plcbridge::auth {
namespace {

TEST(PasswordHash, IsArgon2idAndVerifiesOnlyTheRightPassword) {
    auto hash = hash_password("mixer-line-1");
    ASSERT_TRUE(hash) << hash.error().message();
    EXPECT_TRUE(hash->starts_with("$argon2id$")) << *hash;
    EXPECT_EQ(hash->find("mixer-line-1"), std::string::npos);
    EXPECT_TRUE(password_matches(*hash, "mixer-line-1"));
    EXPECT_FALSE(password_matches(*hash, "mixer-line-2"));
    EXPECT_FALSE(password_matches(*hash, ""));
}

TEST(PasswordHash, TwoHashesOfOnePasswordDifferBySalt) {
    auto a = hash_password("same password");
    auto b = hash_password("same password");
    ASSERT_TRUE(a && b);
    EXPECT_NE(*a, *b);
}

TEST(PasswordHash, MalformedStoredHashNeverMatches) {
    EXPECT_FALSE(password_matches("", "x"));
    EXPECT_FALSE(password_matches("plain-text-password", "plain-text-password"));
    EXPECT_FALSE(password_matches(std::string(500, '$'), "x"));
}

TEST(PasswordHash, PolicyNamesTheProblem) {
    EXPECT_EQ(password_problem("longenough"), std::nullopt);
    ASSERT_TRUE(password_problem("short"));
    EXPECT_NE(password_problem("short")->find("at least 8"), std::string::npos);
    EXPECT_TRUE(password_problem(std::string(kMaxPasswordLength + 1, 'a')));
    EXPECT_TRUE(password_problem("with a newline\n"));
    EXPECT_EQ(password_problem("kata sandi rahasia ü"), std::nullopt);  // UTF-8 is fine
}

TEST(RandomToken, IsHexOfTheAskedLengthAndDiffers) {
    const std::string a = random_token();
    EXPECT_EQ(a.size(), 64u);
    EXPECT_EQ(a.find_first_not_of("0123456789abcdef"), std::string::npos);
    EXPECT_NE(a, random_token());
    EXPECT_EQ(random_token(6).size(), 12u);
}

}  // namespace
}  // namespace plcbridge::auth
