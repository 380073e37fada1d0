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

}  // namespace
}  // namespace plcbridge::odoo
