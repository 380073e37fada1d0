#pragma once
/// Whether this instance may drive its line now, and with which fencing epoch (docs/FAILOVER.md).
///
/// With SQLite the instance is alone and always leads (`single_instance()`, no epoch). With
/// PostgreSQL the lease keeper (store/lease_keeper) sets it: `lead(epoch, until)` when it holds the
/// line's lease, `extend(until)` at each renewal, `step_down()` when it lost it. `until` is measured
/// on this machine's steady clock from the moment the renewal was *sent*, so it always ends before
/// the lease the database holds (which started later): the instance stops touching the PLC before a
/// standby can take over, even when the database cannot tell it so (a partition, a paused process).
///
/// Read by the PLC client's gate and the scheduled tasks on the event loop, by the repository on the
/// database thread, written by the lease keeper's thread: every member is atomic.

#include <atomic>
#include <chrono>
#include <cstdint>

namespace plcbridge {

class Leadership {
  public:
    using Clock = std::chrono::steady_clock;

    /// The one instance of a SQLite deployment: it leads for ever, and its writes carry no epoch.
    [[nodiscard]] static Leadership single_instance() { return Leadership(false); }
    /// An instance sharing PostgreSQL with others: it leads only while the lease keeper says so.
    [[nodiscard]] static Leadership leased() { return Leadership(true); }

    Leadership(const Leadership&) = delete;
    Leadership& operator=(const Leadership&) = delete;
    Leadership(Leadership&& other) noexcept
        : leased_(other.leased_), epoch_(other.epoch_.load()), until_(other.until_.load()) {}

    /// Whether the lease decides (PostgreSQL) or the instance is alone (SQLite).
    [[nodiscard]] bool is_leased() const noexcept { return leased_; }

    /// True while this instance may drive the line: always when alone, else while its lease holds.
    [[nodiscard]] bool leading(Clock::time_point now = Clock::now()) const noexcept {
        if (!leased_) return true;
        return epoch_.load() != 0 && now.time_since_epoch().count() < until_.load();
    }
    /// The fencing epoch of the lease held (0 when none is held or the instance is alone).
    [[nodiscard]] std::int64_t epoch() const noexcept { return epoch_.load(); }
    /// When the local view of the lease ends (meaningful only while an epoch is held).
    [[nodiscard]] Clock::time_point until() const noexcept { return Clock::time_point(Clock::duration(until_.load())); }

    void lead(std::int64_t epoch, Clock::time_point until) noexcept {
        until_.store(until.time_since_epoch().count());
        epoch_.store(epoch);
    }
    void extend(Clock::time_point until) noexcept { until_.store(until.time_since_epoch().count()); }
    void step_down() noexcept {
        epoch_.store(0);
        until_.store(0);
    }

  private:
    explicit Leadership(bool leased) : leased_(leased) {}

    bool leased_;
    std::atomic<std::int64_t> epoch_{0};
    std::atomic<Clock::rep> until_{0};
};

}  // namespace plcbridge
