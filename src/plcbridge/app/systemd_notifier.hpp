#pragma once
/// Talking to systemd as a `Type=notify` service (docs/OPERATIONS.md "The systemd unit"): READY=1
/// once the database is migrated and the API listens, WATCHDOG=1 from the event loop's heartbeat,
/// STOPPING=1 on the way out. systemd passes the socket in NOTIFY_SOCKET (a path, or "@name" in
/// the abstract namespace) and the watchdog period in WATCHDOG_USEC (for WATCHDOG_PID, when set);
/// outside systemd there is no socket and every call does nothing. Written against the documented
/// datagram protocol (sd_notify(3)), so the binary needs no libsystemd.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include <boost/asio/awaitable.hpp>

#include "plcbridge/app/config.hpp"
#include "plcbridge/core/result.hpp"

namespace plcbridge::app {

class SystemdNotifier {
  public:
    /// Reads NOTIFY_SOCKET, WATCHDOG_USEC and WATCHDOG_PID through `env`; `pid` is this process's.
    [[nodiscard]] static SystemdNotifier from_environment(const EnvLookup& env, long pid);

    /// Whether a service manager listens.
    [[nodiscard]] bool enabled() const noexcept { return !socket_path_.empty(); }
    /// How often systemd wants WATCHDOG=1 at the latest; nullopt when no watchdog is set for us.
    [[nodiscard]] std::optional<std::chrono::microseconds> watchdog_period() const noexcept { return watchdog_; }

    /// Sends `state` ("READY=1\nSTATUS=...") as one datagram; does nothing when not enabled. An error
    /// names the socket (the service goes on: a lost notification is systemd's timeout to report).
    [[nodiscard]] Result<void> notify(std::string_view state) const;

  private:
    std::string socket_path_;
    std::optional<std::chrono::microseconds> watchdog_;
};

/// The heartbeat: WATCHDOG=1 every half period from the event loop this runs on, until the loop
/// stops. A loop that hangs stops feeding it, and systemd restarts the service (WatchdogSec).
boost::asio::awaitable<void> feed_watchdog(const SystemdNotifier& notifier);

}  // namespace plcbridge::app
