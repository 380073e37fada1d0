#pragma once
/// The line's lease in PostgreSQL (docs/FAILOVER.md): who leads a line, with which fencing epoch,
/// until when, and which instances stand by. Each function is one autocommit statement on the
/// caller's connection (the lease keeper's own), timed by the database's clock — never by the
/// instances', so two machines whose clocks disagree still agree on who leads.
///
/// Why a lease row and not only a session advisory lock: PostgreSQL holds a session lock until it
/// notices the session gone, which under a network partition is the kernel's TCP timeout, not a
/// time we choose. A lease ends when its time is up, whatever became of its holder; the epoch,
/// bumped at every change of holder, fences whatever the old holder still tries to write.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "plcbridge/core/result.hpp"
#include "plcbridge/store/records.hpp"
#include "plcbridge/store/sql_connection.hpp"

namespace plcbridge::store {

/// An instance of plcbridge as the lease table knows it.
struct InstanceIdentity {
    std::string name;  ///< unique per deployment: host, API address, FINS client node
    int line = 1;
    int fins_node = 0;  ///< its FINS client node (two instances must not share one)
    std::string api;    ///< its API address as configured
};

struct LeaseHolder {
    std::string instance;
    std::int64_t epoch = 0;
    TimePoint since;
    TimePoint lease_until;
};

struct InstanceSeen {
    std::string instance;
    int fins_node = 0;
    std::string api;
    TimePoint started_at;
    TimePoint seen_at;
};

/// What /api/health shows about a line's leadership.
struct LineLeadership {
    int line = 1;
    std::optional<LeaseHolder> leader;
    std::vector<InstanceSeen> instances;  ///< seen recently, the leader included
    TimePoint read_at;                    ///< the database's clock when this was read
};

/// What this instance knows about its line's leadership (for /api/health).
struct LeadershipView {
    InstanceIdentity me;
    bool leading = false;
    std::int64_t epoch = 0;                  ///< of the lease this instance holds, 0 when none
    std::optional<LineLeadership> database;  ///< as last read; nullopt before the first read
    std::string last_error;                  ///< the lease connection's, empty when it answers
};

/// Takes the line's lease when it is free, expired, or already this instance's (a restart of the
/// same instance takes its own lease back at once). The new epoch when taken, nullopt when another
/// instance holds a valid lease. Every take bumps the epoch, so a restarted holder is fenced too.
[[nodiscard]] Result<std::optional<std::int64_t>> take_lease(SqlConnection& c, const InstanceIdentity& me,
                                                             std::chrono::milliseconds lease);
/// Extends the lease this instance holds with `epoch`; false when it is no longer ours.
[[nodiscard]] Result<bool> renew_lease(SqlConnection& c, const InstanceIdentity& me, std::int64_t epoch,
                                       std::chrono::milliseconds lease);
/// Ends the lease now (a clean stop): a standby takes over at its next poll.
[[nodiscard]] Result<void> release_lease(SqlConnection& c, const InstanceIdentity& me, std::int64_t epoch);

/// This instance is alive (its row in bridge_instance); `forget_instance` at a clean stop.
[[nodiscard]] Result<void> note_instance(SqlConnection& c, const InstanceIdentity& me);
[[nodiscard]] Result<void> forget_instance(SqlConnection& c, const InstanceIdentity& me);

/// The line's leader and the instances seen within `seen_within`.
[[nodiscard]] Result<LineLeadership> read_leadership(SqlConnection& c, int line, std::chrono::milliseconds seen_within);

/// Inside a write transaction: Errc::fenced unless `epoch` is still the line's. Takes a share lock
/// on the line's row, so a take-over waits for this transaction and no write of an old epoch can
/// commit after a new holder's epoch did.
[[nodiscard]] Result<void> check_fence(SqlConnection& c, int line, std::int64_t epoch);

}  // namespace plcbridge::store
