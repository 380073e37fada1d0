#include <gtest/gtest.h>

#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>
#include <map>
#include <string>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include "plcbridge/app/systemd_notifier.hpp"
#include "plcbridge/app/test_env.hpp"

namespace plcbridge::app {
namespace {

/// systemd's end of the protocol: a datagram socket bound to `name` (a path, or "@x" abstract).
class NotifySocket {
  public:
    explicit NotifySocket(const std::string& name) : fd_(::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0)) {
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        std::memcpy(address.sun_path, name.data(), name.size());
        if (name.front() == '@') address.sun_path[0] = '\0';
        if (name.front() == '/') ::unlink(name.c_str());
        const auto length = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + name.size());
        bound_ = ::bind(fd_, reinterpret_cast<const sockaddr*>(&address), length) == 0;
        timeval deadline{5, 0};  // every wait has a deadline
        ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &deadline, sizeof deadline);
    }
    ~NotifySocket() { ::close(fd_); }
    NotifySocket(const NotifySocket&) = delete;
    NotifySocket& operator=(const NotifySocket&) = delete;
    [[nodiscard]] bool bound() const { return bound_; }
    /// The next datagram, "" after the deadline.
    std::string receive() {
        char buffer[512];
        const auto n = ::recv(fd_, buffer, sizeof buffer, 0);
        return n <= 0 ? std::string{} : std::string(buffer, static_cast<std::size_t>(n));
    }

  private:
    int fd_;
    bool bound_ = false;
};

TEST(SystemdNotifier, WithoutNotifySocketItIsOffAndNotifyingDoesNothing) {
    const auto notifier = SystemdNotifier::from_environment(env_of({}), 42);
    EXPECT_FALSE(notifier.enabled());
    EXPECT_FALSE(notifier.watchdog_period());
    EXPECT_TRUE(notifier.notify("READY=1").ok());
}

TEST(SystemdNotifier, SendsEachStateAsOneDatagramToAPathSocket) {
    const std::string path = ::testing::TempDir() + "/plcbridge_notify.sock";
    NotifySocket systemd(path);
    ASSERT_TRUE(systemd.bound());
    const auto notifier = SystemdNotifier::from_environment(env_of({{"NOTIFY_SOCKET", path}}), 42);
    ASSERT_TRUE(notifier.enabled());
    ASSERT_TRUE(notifier.notify("READY=1\nSTATUS=API on 127.0.0.1:8000").ok());
    ASSERT_TRUE(notifier.notify("STOPPING=1").ok());
    EXPECT_EQ(systemd.receive(), "READY=1\nSTATUS=API on 127.0.0.1:8000");
    EXPECT_EQ(systemd.receive(), "STOPPING=1");
}

TEST(SystemdNotifier, ReachesAnAbstractSocket) {
    const std::string name = "@plcbridge-test-" + std::to_string(::getpid());
    NotifySocket systemd(name);
    ASSERT_TRUE(systemd.bound());
    const auto notifier = SystemdNotifier::from_environment(env_of({{"NOTIFY_SOCKET", name}}), 42);
    ASSERT_TRUE(notifier.notify("READY=1").ok());
    EXPECT_EQ(systemd.receive(), "READY=1");
}

TEST(SystemdNotifier, ASocketNobodyListensOnIsAnErrorNamingIt) {
    const std::string path = ::testing::TempDir() + "/plcbridge_nobody.sock";
    ::unlink(path.c_str());
    const auto notifier = SystemdNotifier::from_environment(env_of({{"NOTIFY_SOCKET", path}}), 42);
    const auto sent = notifier.notify("READY=1");
    ASSERT_FALSE(sent.ok());
    EXPECT_NE(sent.error().detail.find("NOTIFY_SOCKET=" + path), std::string::npos) << sent.error().detail;
}

TEST(SystemdNotifier, TheWatchdogIsOursOnlyWhenWatchdogPidIsThisProcessOrAbsent) {
    EXPECT_EQ(SystemdNotifier::from_environment(env_of({{"WATCHDOG_USEC", "3000000"}}), 42).watchdog_period(),
              std::chrono::seconds(3));
    EXPECT_EQ(SystemdNotifier::from_environment(env_of({{"WATCHDOG_USEC", "3000000"}, {"WATCHDOG_PID", "42"}}), 42)
                  .watchdog_period(),
              std::chrono::seconds(3));
    EXPECT_FALSE(SystemdNotifier::from_environment(env_of({{"WATCHDOG_USEC", "3000000"}, {"WATCHDOG_PID", "7"}}), 42)
                     .watchdog_period())
        << "a child of the service must not feed its parent's watchdog";
    EXPECT_FALSE(SystemdNotifier::from_environment(env_of({{"WATCHDOG_USEC", "soon"}}), 42).watchdog_period());
    EXPECT_FALSE(SystemdNotifier::from_environment(env_of({{"NOTIFY_SOCKET", "relative.sock"}}), 42).enabled());
}

TEST(SystemdNotifier, TheHeartbeatFeedsTheWatchdogEveryHalfPeriodFromTheEventLoop) {
    const std::string path = ::testing::TempDir() + "/plcbridge_watchdog.sock";
    NotifySocket systemd(path);
    ASSERT_TRUE(systemd.bound());
    const auto notifier =
        SystemdNotifier::from_environment(env_of({{"NOTIFY_SOCKET", path}, {"WATCHDOG_USEC", "100000"}}), 42);
    boost::asio::io_context io;
    boost::asio::co_spawn(io, feed_watchdog(notifier), boost::asio::detached);
    io.run_for(std::chrono::milliseconds(500));  // fed at 0, 50, 100, ... ms: three at least, even on a busy machine
    EXPECT_EQ(systemd.receive(), "WATCHDOG=1");
    EXPECT_EQ(systemd.receive(), "WATCHDOG=1");
    EXPECT_EQ(systemd.receive(), "WATCHDOG=1");
}

}  // namespace
}  // namespace plcbridge::app
