#pragma once
/// Holds or waits for the line's lease (store/line_lease) on its own PostgreSQL connection and its
/// own thread, and keeps `Leadership` true to it (docs/FAILOVER.md):
///
/// - standby: tries to take the lease every `poll`; a free or expired lease is taken at once with
///   the next epoch;
/// - leader: renews every `renew`; each renewal that succeeds extends the local lease to the moment
///   it was *sent* plus `lease`. A renewal refused (another instance took it) steps down at once; a
///   database that does not answer lets the local lease run out (the PLC gate closes on time even
///   while this thread waits for the network);
/// - a leader whose database session was cut (pg_terminate_backend, a restarted server) steps down
///   at once: it cannot know what happened meanwhile. It hands the lease over (ends it) as soon as
///   it reaches the database again and competes only after `takeover`, so that a standby takes the
///   line rather than the instance whose session died;
/// - stop(): a leader ends its lease, so a standby takes over at its next poll, not after the lease.
///
/// Its own thread, not the database thread: 256 queued repository calls must not delay a renewal.

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "plcbridge/core/leadership.hpp"
#include "plcbridge/core/logger.hpp"
#include "plcbridge/store/database_url.hpp"
#include "plcbridge/store/line_lease.hpp"

namespace plcbridge::store {

/// The lease's times, all derived from the one setting `[failover] takeover_ms` (pure).
struct LeaseTiming {
    std::chrono::milliseconds takeover{10000};  ///< a standby leads within this after the leader died
    std::chrono::milliseconds lease{7000};      ///< how long one renewal holds
    std::chrono::milliseconds renew{1750};      ///< how often the leader renews
    std::chrono::milliseconds poll{1000};       ///< how often a standby tries
};
[[nodiscard]] LeaseTiming lease_timing(std::chrono::milliseconds takeover) noexcept;

class LeaseKeeper {
  public:
    LeaseKeeper(DatabaseUrl url, InstanceIdentity me, LeaseTiming timing, Leadership& leadership, Logger& log);
    ~LeaseKeeper();
    LeaseKeeper(const LeaseKeeper&) = delete;
    LeaseKeeper& operator=(const LeaseKeeper&) = delete;

    /// Takes the lease at once if it is free (on the caller's thread), then keeps it on its own.
    void start();
    /// Ends the lease if held (a clean hand-over) and stops the thread.
    void stop();
    [[nodiscard]] LeadershipView view() const;

  private:
    void loop(std::chrono::steady_clock::time_point next);
    /// One round; how long to wait before the next.
    std::chrono::milliseconds round();
    void lead_round();
    void standby_round();
    /// The database session is gone: stop driving the line now, hand over when it answers again.
    void session_lost(const Error& e);
    void note_error(const Error& e);
    void publish();
    void step_down(const std::string& why);

    DatabaseUrl url_;
    InstanceIdentity me_;
    LeaseTiming timing_;
    Leadership& leadership_;
    Logger& log_;

    std::unique_ptr<SqlConnection> connection_;  // the thread's only
    std::int64_t held_epoch_ = 0;                // the epoch of the lease this instance last took
    std::int64_t handover_epoch_ = 0;            // a lease to end once the database answers again
    std::chrono::steady_clock::time_point compete_after_{};
    std::string last_logged_error_;
    std::string last_standby_for_;

    mutable std::mutex mutex_;  // guards view_, stopping_
    std::condition_variable wake_;
    LeadershipView view_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace plcbridge::store
