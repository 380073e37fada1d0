#include "plcbridge/api/request_target.hpp"

#include <gtest/gtest.h>

namespace plcbridge::api {
namespace {

TEST(RequestTarget, SplitsPathAndDecodesTheQuery) {
    auto t = parse_target("/api/histories?status=cancelled&mo_id=WH%2FMO%2F00123&notes=Line+jammed%21");
    ASSERT_TRUE(t);
    EXPECT_EQ(t->path, "/api/histories");
    EXPECT_EQ(t->query.at("status"), "cancelled");
    EXPECT_EQ(t->query.at("mo_id"), "WH/MO/00123");
    EXPECT_EQ(t->query.at("notes"), "Line jammed!");
}

TEST(RequestTarget, EmptyPairsAndValuelessKeysAreTolerated) {
    auto t = parse_target("/x?&a&b=&&c=3");
    ASSERT_TRUE(t);
    EXPECT_EQ(t->query.size(), 3U);
    EXPECT_EQ(t->query.at("a"), "");
    EXPECT_EQ(t->query.at("c"), "3");
}

TEST(RequestTarget, MalformedEscapesAreRefused) {
    EXPECT_FALSE(parse_target("/x?a=%G1"));
    EXPECT_FALSE(parse_target("/x?a=%4"));
    EXPECT_FALSE(parse_target("/x?a=%"));
    EXPECT_FALSE(parse_target("/bad%zzpath"));
}

TEST(RequestTarget, TextThatIsNotUtf8IsNamed) {
    // Issue 12: "/%FF" once made the JSON answer throw and the connection slot leak.
    auto path = parse_target("/%FF");
    ASSERT_TRUE(path.has_value());
    EXPECT_EQ(invalid_utf8_part(*path), "the path");
    auto value = parse_target("/api/histories?status=%FF");
    ASSERT_TRUE(value.has_value());
    EXPECT_EQ(invalid_utf8_part(*value), "the query parameter 'status'");
    auto name = parse_target("/api/histories?x%C3=1");
    ASSERT_TRUE(name.has_value());
    EXPECT_EQ(invalid_utf8_part(*name), "a query parameter name");
    auto notes = parse_target("/api/admin/manual/cancel-batch/2?notes=bad%FFnote");
    EXPECT_EQ(invalid_utf8_part(*notes), "the query parameter 'notes'");
    auto fine = parse_target("/api/admin/manual/cancel-batch/2?notes=PKE%20basah%20%E2%80%93%20%C3%A9");
    EXPECT_EQ(invalid_utf8_part(*fine), std::nullopt) << "UTF-8 text is welcome";
}

TEST(RequestTarget, WholeNumbersMustBeCleanAndInRange) {
    EXPECT_EQ(parse_whole_number("3", 1, 10), 3);
    EXPECT_EQ(parse_whole_number("10", 1, 10), 10);
    EXPECT_FALSE(parse_whole_number("11", 1, 10));
    EXPECT_FALSE(parse_whole_number("0", 1, 10));
    EXPECT_FALSE(parse_whole_number("3abc", 1, 10));
    EXPECT_FALSE(parse_whole_number(" 3", 1, 10));
    EXPECT_FALSE(parse_whole_number("", 1, 10));
    EXPECT_FALSE(parse_whole_number("99999999999999999999999", 1, 10));
}

TEST(RequestTarget, Flags) {
    EXPECT_EQ(parse_flag("true"), true);
    EXPECT_EQ(parse_flag("0"), false);
    EXPECT_FALSE(parse_flag("yes"));
}

TEST(RequestTarget, BearerTokenMustMatchExactly) {
    EXPECT_TRUE(bearer_matches("Bearer s3cret", "s3cret"));
    EXPECT_FALSE(bearer_matches("Bearer s3cre", "s3cret"));
    EXPECT_FALSE(bearer_matches("Bearer s3cretX", "s3cret"));
    EXPECT_TRUE(bearer_matches("bearer s3cret", "s3cret")) << "the scheme is case-insensitive (RFC 7235)";
    EXPECT_TRUE(bearer_matches("BEARER  s3cret", "s3cret"));
    EXPECT_FALSE(bearer_matches("Bearers3cret", "s3cret"));
    EXPECT_FALSE(bearer_matches("Bearer s3cret ", "s3cret"));
    EXPECT_FALSE(bearer_matches("Basic s3cret", "s3cret"));
    EXPECT_FALSE(bearer_matches("", "s3cret"));
    EXPECT_FALSE(bearer_matches("Bearer ", "")) << "an empty token never authenticates";
}

}  // namespace
}  // namespace plcbridge::api
