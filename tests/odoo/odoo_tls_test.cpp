// HTTPS to Odoo (issue #11): the client against the Odoo simulator serving TLS with certificates
// made in the test by a private CA: a valid one is accepted (by name and by IP address), a wrong
// host, an expired certificate and an untrusted CA are each refused with the check's own reason,
// and tls_verify = false connects anyway.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <filesystem>

#include <boost/asio/io_context.hpp>

#include "plcbridge/odoo/errc.hpp"
#include "plcbridge/odoo/odoo_client.hpp"
#include "support/odoo_sim_thread.hpp"
#include "support/sim_fixture.hpp"
#include "support/test_certificates.hpp"

namespace plcbridge::odoo {
namespace {

using namespace std::chrono_literals;
using testing::run_on;

class OdooTlsTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        dir_ = ::testing::TempDir() + "/plcbridge_tls_" + std::to_string(::getpid());
        std::filesystem::remove_all(dir_);
        std::filesystem::create_directories(dir_);
        ca_ = std::make_unique<testing::TestCa>(dir_);
        ca_->issue("valid", "DNS:localhost,IP:127.0.0.1", -1, 30);
        ca_->issue("wrong_host", "DNS:odoo.plant", -1, 30);
        ca_->issue("expired", "DNS:localhost,IP:127.0.0.1", -10, -1);
    }
    static void TearDownTestSuite() {
        ca_.reset();
        std::filesystem::remove_all(dir_);
    }

    /// The simulator serving HTTPS with certificate `name`.
    static std::unique_ptr<testing::OdooSimThread> odoo_with(const std::string& name) {
        return std::make_unique<testing::OdooSimThread>(1,
                                                        std::make_pair(dir_ + "/" + name + ".pem", ca_->key_of(name)));
    }
    /// Logs in over https://HOST:port with these TLS settings.
    Result<void> login(const std::string& host, std::uint16_t port, TlsSettings tls) {
        OdooOptions o{fmt::format("https://{}:{}", host, port), "odoo14", "admin", "admin", 2000ms};
        o.tls = std::move(tls);
        auto client = OdooClient::create(io.get_executor(), o);
        if (!client) return std::move(client).error();
        return run_on(io, (*client)->login());
    }

    static inline std::string dir_;
    static inline std::unique_ptr<testing::TestCa> ca_;
    boost::asio::io_context io;
};

TEST_F(OdooTlsTest, AValidCertificateFromThePlantsCaIsAcceptedByNameAndByAddress) {
    auto odoo = odoo_with("valid");
    const auto by_name = login("localhost", odoo->port, {true, ca_->ca_file()});
    EXPECT_TRUE(by_name.ok()) << by_name.error().message();
    const auto by_address = login("127.0.0.1", odoo->port, {true, ca_->ca_file()});
    EXPECT_TRUE(by_address.ok()) << by_address.error().message();
    EXPECT_GE(odoo->sim.calls().size(), 2U) << "the calls reached Odoo through TLS";
}

TEST_F(OdooTlsTest, ACertificateForAnotherHostIsRefusedNamingTheMismatch) {
    auto odoo = odoo_with("wrong_host");
    const auto done = login("localhost", odoo->port, {true, ca_->ca_file()});
    ASSERT_FALSE(done.ok());
    EXPECT_EQ(done.error().code, Errc::transient) << "health shows Odoo unreachable; the job waits";
    EXPECT_NE(done.error().detail.find("TLS handshake with https://localhost"), std::string::npos)
        << done.error().detail;
    EXPECT_NE(done.error().detail.find("hostname mismatch"), std::string::npos) << done.error().detail;
    EXPECT_TRUE(odoo->sim.calls().empty()) << "no request was sent to the wrong server";
}

TEST_F(OdooTlsTest, AnExpiredCertificateIsRefused) {
    auto odoo = odoo_with("expired");
    const auto done = login("localhost", odoo->port, {true, ca_->ca_file()});
    ASSERT_FALSE(done.ok());
    EXPECT_NE(done.error().detail.find("certificate has expired"), std::string::npos) << done.error().detail;
}

TEST_F(OdooTlsTest, ACertificateOfACaTheSystemDoesNotTrustIsRefusedAndSaysWhatToSet) {
    auto odoo = odoo_with("valid");
    const auto done = login("localhost", odoo->port, {true, ""});  // the system store only
    ASSERT_FALSE(done.ok());
    EXPECT_NE(done.error().detail.find("unable to get local issuer certificate"), std::string::npos)
        << done.error().detail;
    EXPECT_NE(done.error().detail.find("[odoo] ca_file"), std::string::npos) << done.error().detail;
}

TEST_F(OdooTlsTest, WithoutVerificationTheUntrustedServerIsReached) {
    auto odoo = odoo_with("wrong_host");
    const auto done = login("localhost", odoo->port, {false, ""});
    EXPECT_TRUE(done.ok()) << done.error().message();
}

TEST_F(OdooTlsTest, ACaFileThatCannotBeLoadedIsAConfigurationErrorNamingIt) {
    OdooOptions o{"https://localhost:1", "odoo14", "admin", "admin", 2000ms};
    o.tls = {true, dir_ + "/missing.pem"};
    const auto client = OdooClient::create(io.get_executor(), o);
    ASSERT_FALSE(client.ok());
    EXPECT_EQ(client.error().code, Errc::protocol);
    EXPECT_NE(client.error().detail.find("[odoo] ca_file " + dir_ + "/missing.pem"), std::string::npos)
        << client.error().detail;
}

}  // namespace
}  // namespace plcbridge::odoo
