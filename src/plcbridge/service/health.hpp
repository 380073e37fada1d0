#pragma once
/// The service's health as /api/health reports it, and the rule that turns it into "ok" or
/// "degraded" (pure). A dependency is degraded when its last contact failed; Odoo is "unknown"
/// until the first call. Jobs Odoo refused are not a degradation but a standing warning: the
/// operator must act on them (cancel manually).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "plcbridge/core/link_status.hpp"
#include "plcbridge/store/line_lease.hpp"
#include "plcbridge/store/records.hpp"
#include "plcbridge/tasks/queue_plan.hpp"

namespace plcbridge::service {

using WallClock = std::chrono::system_clock;

struct PlcHealth {
    LinkStatus link;
    std::string standing_warning;  ///< a flagged-success end code (e.g. 0x0040), empty when clean
    int slots_with_problems = 0;   ///< active batches whose slot could not be used in the last read
    std::uint64_t problems_reported = 0;
    std::vector<std::string> foreign_slots;  ///< slots holding an MO neither active nor archived
};

struct DatabaseHealth {
    bool connected = true;
    std::uint64_t reconnects = 0;
    std::string last_error;
    bool writes_failing = false;  ///< from the first failed write until the next one that succeeds
    std::string last_write_error;
    std::optional<WallClock::time_point> checked_at;  ///< last answer of the database thread
};

/// Cancel jobs by state (the operator's to-do list: refused and needs_attention).
struct JobCounts {
    int pending = 0;    ///< waiting for Odoo (first try or retry with backoff)
    int archiving = 0;  ///< Odoo cancelled, the archive is pending
    int refused = 0;
    int needs_attention = 0;
};

/// Open jobs of one kind in one state (for /metrics).
struct JobTally {
    std::string kind;
    std::string state;
    int count = 0;
};

struct HealthReport {
    PlcHealth plc;
    LinkStatus odoo;
    DatabaseHealth database;
    JobCounts jobs;
    std::vector<JobTally> job_tallies;               ///< every kind and open state, zeros included
    std::optional<store::BatchTotals> batch_totals;  ///< from the last store check
    bool scheduler_enabled = true;
    std::vector<std::string> batch_concerns;            ///< Task 4: "batch #3 (MO: ...): no progress for ..."
    std::vector<tasks::UnqueuedMoStatus> unqueued_mos;  ///< confirmed MOs Task 1 cannot queue
    /// The line's lease when instances share PostgreSQL; nullopt for a single instance (SQLite).
    std::optional<store::LeadershipView> leadership;
    WallClock::time_point at;
};

/// Whether some instance holds a valid lease on the line (always true for a single instance).
[[nodiscard]] bool line_has_leader(const HealthReport& h) noexcept;

enum class DependencyState { ok, down, unknown };
[[nodiscard]] std::string_view dependency_state_name(DependencyState s) noexcept;

/// The PLC is unknown until the first read; the database is down when disconnected or when its
/// thread has not answered a check for `stale_after`.
[[nodiscard]] DependencyState plc_state(const HealthReport& h) noexcept;
[[nodiscard]] DependencyState odoo_state(const HealthReport& h) noexcept;
[[nodiscard]] DependencyState database_state(const HealthReport& h, std::chrono::milliseconds stale_after) noexcept;
[[nodiscard]] bool degraded(const HealthReport& h, std::chrono::milliseconds stale_after) noexcept;
/// What the operator should look at, one sentence each.
[[nodiscard]] std::vector<std::string> health_warnings(const HealthReport& h, std::chrono::milliseconds stale_after);

}  // namespace plcbridge::service
