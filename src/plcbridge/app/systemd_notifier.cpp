#include "plcbridge/app/systemd_notifier.hpp"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>

#include <fmt/format.h>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace plcbridge::app {

namespace {

std::optional<long long> whole_number(const std::optional<std::string>& text) {
    if (!text || text->empty()) return std::nullopt;
    long long n = 0;
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), n);
    if (ec != std::errc{} || end != text->data() + text->size() || n <= 0) return std::nullopt;
    return n;
}

/// Closes the descriptor whatever path the send takes.
struct Descriptor {
    int fd;
    ~Descriptor() {
        if (fd >= 0) ::close(fd);
    }
};

}  // namespace

SystemdNotifier SystemdNotifier::from_environment(const EnvLookup& env, long pid) {
    SystemdNotifier notifier;
    const auto socket = env("NOTIFY_SOCKET");
    // Only a path or an abstract name fits the protocol (and sockaddr_un); anything else is ignored.
    if (socket && (socket->starts_with('/') || socket->starts_with('@')) &&
        socket->size() < sizeof(sockaddr_un::sun_path))
        notifier.socket_path_ = *socket;
    const auto usec = whole_number(env("WATCHDOG_USEC"));
    const auto for_pid = whole_number(env("WATCHDOG_PID"));
    if (usec && (!for_pid || *for_pid == pid)) notifier.watchdog_ = std::chrono::microseconds(*usec);
    return notifier;
}

Result<void> SystemdNotifier::notify(std::string_view state) const {
    if (!enabled()) return {};
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::memcpy(address.sun_path, socket_path_.data(), socket_path_.size());
    if (address.sun_path[0] == '@') address.sun_path[0] = '\0';  // the abstract namespace
    const auto length = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + socket_path_.size());
    const Descriptor socket{::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0)};
    const auto sent = socket.fd < 0 ? -1
                                    : ::sendto(socket.fd, state.data(), state.size(), MSG_NOSIGNAL,
                                               reinterpret_cast<const sockaddr*>(&address), length);
    if (sent < 0) {
        const int why = errno;
        return Error{std::error_code(why, std::generic_category()),
                     fmt::format("cannot notify systemd at NOTIFY_SOCKET={}: {}", socket_path_, std::strerror(why))};
    }
    return {};
}

boost::asio::awaitable<void> feed_watchdog(const SystemdNotifier& notifier) {
    const auto period = notifier.watchdog_period();
    if (!period || !notifier.enabled()) co_return;
    boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor);
    for (;;) {
        (void)notifier.notify("WATCHDOG=1");
        timer.expires_after(*period / 2);
        boost::system::error_code ec;
        co_await timer.async_wait(boost::asio::redirect_error(boost::asio::use_awaitable, ec));
        if (ec) co_return;
    }
}

}  // namespace plcbridge::app
