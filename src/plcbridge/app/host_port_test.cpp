#include <gtest/gtest.h>

#include "plcbridge/app/host_port.hpp"

namespace plcbridge::app {
namespace {

TEST(HostPort, ParsesHostAndPort) {
    auto hp = parse_host_port("127.0.0.1:9600");
    ASSERT_TRUE(hp.ok());
    EXPECT_EQ(hp->host, "127.0.0.1");
    EXPECT_EQ(hp->port, 9600);
    auto v6 = parse_host_port("[::1]:0");
    ASSERT_TRUE(v6.ok());
    EXPECT_EQ(v6->host, "::1");
    EXPECT_EQ(v6->port, 0);
}

TEST(HostPort, RejectsMissingOrBadParts) {
    for (const char* bad : {"127.0.0.1", ":9600", "host:", "host:65536", "host:9x"}) {
        EXPECT_FALSE(parse_host_port(bad).ok()) << bad;
    }
}

}  // namespace
}  // namespace plcbridge::app
