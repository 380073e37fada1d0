// The service as systemd runs it (issue #11): readiness and the watchdog over NOTIFY_SOCKET, the
// journal's priority prefixes on stdout, SIGHUP reopening the log file after logrotate moved it.
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>

#include <cstring>

#include "e2e/service_e2e_fixture.hpp"

namespace plcbridge::e2e {
namespace {

/// systemd's end of sd_notify: a datagram socket at a path, each receive with a deadline.
class NotifySocket {
  public:
    explicit NotifySocket(std::string path) : path_(std::move(path)), fd_(::socket(AF_UNIX, SOCK_DGRAM, 0)) {
        ::unlink(path_.c_str());
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        std::strncpy(address.sun_path, path_.c_str(), sizeof address.sun_path - 1);
        bound_ = ::bind(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0;
    }
    ~NotifySocket() {
        ::close(fd_);
        ::unlink(path_.c_str());
    }
    NotifySocket(const NotifySocket&) = delete;
    NotifySocket& operator=(const NotifySocket&) = delete;
    [[nodiscard]] bool bound() const { return bound_; }
    /// The next datagram that starts with `prefix`, "" when none came within `deadline`.
    std::string next(const std::string& prefix, std::chrono::milliseconds deadline) {
        const auto until = std::chrono::steady_clock::now() + deadline;
        while (std::chrono::steady_clock::now() < until) {
            timeval wait{0, 200'000};
            ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof wait);
            char buffer[1024];
            const auto n = ::recv(fd_, buffer, sizeof buffer, 0);
            if (n <= 0) continue;
            std::string datagram(buffer, static_cast<std::size_t>(n));
            if (datagram.starts_with(prefix)) return datagram;
        }
        return {};
    }

  private:
    std::string path_;
    int fd_;
    bool bound_ = false;
};

TEST_P(ServiceE2E, SystemdHearsReadyAfterTheApiListensThenTheWatchdogThenStopping) {
    // A short path: sockaddr_un holds 108 bytes, the test's temporary folder can be longer.
    NotifySocket systemd(fmt::format("/tmp/plcbridge-notify-{}-{}.sock", getpid(), runs));
    ASSERT_TRUE(systemd.bound());
    service_env = {{"NOTIFY_SOCKET", fmt::format("/tmp/plcbridge-notify-{}-{}.sock", getpid(), runs)},
                   {"WATCHDOG_USEC", "400000"}};
    start_service();
    const std::string ready = systemd.next("READY=1", 10s);
    ASSERT_FALSE(ready.empty()) << service->output();
    EXPECT_NE(ready.find(fmt::format("STATUS=API on 127.0.0.1:{}", api)), std::string::npos) << ready;
    // By READY the API answers (the readiness systemd orders other units on).
    EXPECT_EQ(http_call(api, "GET", "/api/health").status, 200);
    EXPECT_EQ(systemd.next("WATCHDOG=1", 2s), "WATCHDOG=1");
    EXPECT_EQ(systemd.next("WATCHDOG=1", 2s), "WATCHDOG=1") << "fed again, every half period";
    service->signal(SIGTERM);
    EXPECT_EQ(systemd.next("STOPPING=1", 10s), "STOPPING=1");
    EXPECT_EQ(service->wait_exit(20s), 0);
}

TEST_P(ServiceE2E, UnderTheJournalTheSeedsLinesGoToStdoutOnceWithTheirPriorities) {
    seed_batch(3, "WH/MO/00123");
    start_service("target = \"journal\"\n");
    wait_for_first_read(3);
    set_failure_bit(3);
    ASSERT_TRUE(wait_until([&] { return archived("WH/MO/00123"); }, 20s)) << service->output();
    const std::string failure = "<4>" + batch::failure_detected(3, "WH/MO/00123") + "\n";
    const std::string archived_line = "<6>" + batch::cancelled_and_archived(3, "WH/MO/00123") + "\n";
    ASSERT_TRUE(wait_until([&] { return service->output().find(archived_line) != std::string::npos; }, 5s))
        << service->output();
    const std::string out = service->output();
    EXPECT_NE(out.find(failure), std::string::npos) << out;
    EXPECT_EQ(out.find("[WARNING]"), std::string::npos) << "no second, plain copy of a line on stdout:\n" << out;
    // The file keeps its own format (journalctl -p warning filters on the prefix, grep on the file).
    EXPECT_TRUE(logged("[WARNING] " + batch::failure_detected(3, "WH/MO/00123")));
}

TEST_P(ServiceE2E, SighupReopensTheLogFileLogrotateMovedAway) {
    start_service();
    const std::string log = dir + "/logs/app.log";
    ASSERT_TRUE(wait_until([&] { return count_lines("plcbridge started") == 1; }, 10s));
    std::filesystem::rename(log, log + ".1");
    service->signal(SIGHUP);
    ASSERT_TRUE(wait_until([&] { return count_lines("SIGHUP received: log file reopened") == 1; }, 10s))
        << "the new app.log gets the lines; stdout:\n"
        << service->output();
    EXPECT_EQ(count_lines("plcbridge started"), 0) << "the old lines stay in app.log.1";
    EXPECT_NE(testing::read_file(log + ".1").find("plcbridge started"), std::string::npos);
    EXPECT_TRUE(service->running()) << "SIGHUP does not stop the service";
}

TEST_P(ServiceE2E, MetricsCountTheAutoCancelAndTheFinsAndOdooTrafficBehindIt) {
    seed_batch(3, "WH/MO/00123");
    start_service();
    wait_for_first_read(3);
    auto scrape = [&] { return http_call(api, "GET", "/metrics"); };
    const auto first = scrape();
    ASSERT_EQ(first.status, 200);
    EXPECT_EQ(first.content_type, "text/plain; version=0.0.4; charset=utf-8");
    EXPECT_NE(first.body.find("# TYPE plcbridge_fins_round_trip_seconds histogram\n"), std::string::npos);
    EXPECT_NE(first.body.find("# TYPE plcbridge_odoo_calls_total counter\n"), std::string::npos);
    EXPECT_NE(first.body.find("plcbridge_plc_last_cycle_commands 1\n"), std::string::npos)
        << "one FINS read per cycle:\n"
        << first.body;
    // The store check (every 5 s) brings the totals; before the failure no batch was cancelled.
    ASSERT_TRUE(wait_until(
        [&] {
            return scrape().body.find("plcbridge_batches_total{event=\"cancelled_auto\"} 0\n") != std::string::npos;
        },
        15s))
        << scrape().body;
    EXPECT_EQ(first.body.find("/api/scada/mo/cancel"), std::string::npos) << "no cancel call yet";

    set_failure_bit(3);
    ASSERT_TRUE(wait_until([&] { return archived("WH/MO/00123"); }, 20s)) << service->output();
    ASSERT_TRUE(wait_until(
        [&] {
            return scrape().body.find("plcbridge_batches_total{event=\"cancelled_auto\"} 1\n") != std::string::npos;
        },
        15s))
        << scrape().body;
    const std::string after = scrape().body;
    EXPECT_NE(after.find("plcbridge_odoo_calls_total{endpoint=\"/api/scada/mo/cancel\",outcome=\"ok\"} 1\n"),
              std::string::npos)
        << after;
    EXPECT_NE(after.find("plcbridge_odoo_call_seconds_count{endpoint=\"/api/scada/mo/cancel\"} 1\n"),
              std::string::npos);
    EXPECT_NE(after.find("plcbridge_jobs{kind=\"cancel\",state=\"pending\"} 0\n"), std::string::npos);
    EXPECT_EQ(http_call(api, "POST", "/metrics").status, 405);
}

}  // namespace
}  // namespace plcbridge::e2e
