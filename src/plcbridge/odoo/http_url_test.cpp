// [odoo] url as the HTTP client takes it: host, port, base path, and a password never echoed.
#include <gtest/gtest.h>

#include "plcbridge/odoo/http_client.hpp"

namespace plcbridge::odoo {
namespace {

TEST(HttpUrl, HostPortAndBasePath) {
    auto t = parse_http_url("http://odoo.plant:8069/odoo/");
    ASSERT_TRUE(t.ok()) << t.error().message();
    EXPECT_EQ(t->host, "odoo.plant");
    EXPECT_EQ(t->port, 8069);
    EXPECT_EQ(t->base_path, "/odoo");
}

TEST(HttpUrl, UserInfoIsRefusedAndNeverRepeated) {
    for (const char* url : {"http://admin:hunter2@odoo:8069", "https://admin:hunter2@odoo", "http://hunter2@odoo/x"}) {
        auto t = parse_http_url(url);
        ASSERT_FALSE(t.ok()) << url;
        EXPECT_EQ(t.error().message().find("hunter2"), std::string::npos) << t.error().message();
        EXPECT_NE(t.error().message().find("[odoo] password"), std::string::npos) << t.error().message();
    }
}

TEST(HttpUrl, OtherMistakesNameTheUrl) {
    auto no_host = parse_http_url("http://:8069");
    ASSERT_FALSE(no_host.ok());
    EXPECT_NE(no_host.error().message().find("'http://:8069': no host"), std::string::npos);
    EXPECT_FALSE(parse_http_url("http://odoo:0").ok());
    EXPECT_FALSE(parse_http_url("ftp://odoo").ok());
}

TEST(HttpUrl, HttpsIpv6LiteralsAndAnyCaseOfTheScheme) {
    auto https = parse_http_url("https://odoo.example.com/odoo");
    ASSERT_TRUE(https.ok()) << https.error().message();
    EXPECT_TRUE(https->tls);
    EXPECT_EQ(https->port, 443) << "https's own port when none is given";
    EXPECT_EQ(https->base_path, "/odoo");
    auto v6 = parse_http_url("http://[::1]:8069");
    ASSERT_TRUE(v6.ok()) << v6.error().message();
    EXPECT_EQ(v6->host, "::1") << "the address without brackets, as the resolver takes it";
    EXPECT_EQ(v6->port, 8069);
    EXPECT_FALSE(v6->tls);
    auto upper = parse_http_url("HTTPS://Odoo.Plant:8443");
    ASSERT_TRUE(upper.ok()) << upper.error().message();
    EXPECT_TRUE(upper->tls);
    EXPECT_EQ(upper->port, 8443);
    EXPECT_EQ(parse_http_url("http://odoo").value().port, 80);
}

TEST(HttpUrl, AQueryOrAnUnparsableUrlIsNamed) {
    auto query = parse_http_url("http://odoo:8069/?db=x");
    ASSERT_FALSE(query.ok());
    EXPECT_NE(query.error().message().find("query"), std::string::npos);
    auto garbage = parse_http_url("http://odoo:80 69");
    ASSERT_FALSE(garbage.ok());
    EXPECT_NE(garbage.error().message().find("not a URL"), std::string::npos) << garbage.error().message();
}

}  // namespace
}  // namespace plcbridge::odoo
