#pragma once
/// Task 2's decision, pure: given the active batches (database) and one decoded READ area (PLC),
/// what to store, which failure edges to record, and what to report. Nothing here touches the PLC,
/// the database or a clock; the read cycle (tasks/plc_sync) carries the plan out.
///
/// Rules (docs/DESIGN.md "Batch domain and the auto-cancel"):
/// - a slot matches a batch by (slot = batch_no, MO name); only a slot that decoded cleanly may
///   change anything; a slot that did not, or that holds another MO, is reported and changes nothing;
/// - a matched batch gets last_read_from_plc = the read time every cycle, and only the values that
///   differ from the stored ones;
/// - the failure flag goes through batch::decide_failure (edge, confirm_reads, finished-and-failed).

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "plcbridge/batch/cancel_saga.hpp"
#include "plcbridge/batch/failure_rule.hpp"
#include "plcbridge/memory_map/batch_slot.hpp"
#include "plcbridge/store/records.hpp"

namespace plcbridge::tasks {

/// A slot under an active batch that could not be used this cycle.
struct SlotProblem {
    int slot = 0;
    std::int64_t batch_id = 0;
    std::string mo_id;  ///< the batch's MO
    std::string what;   ///< why, for the operator
};

/// A failure edge to store with its cancel job (store::Repository::record_failure).
struct FailureEdgeToRecord {
    std::int64_t batch_id = 0;
    int batch_no = 0;
    std::string mo_id;
};

/// A clean slot holding an MO that no active batch holds there: archived already (a manual cancel
/// while the PLC ran it) or unknown to the database. The read cycle asks the database which.
struct UnclaimedSlot {
    int slot = 0;
    std::string mo_id;
    bool finished = false;
    bool read_acknowledged = false;
};

struct SyncPlan {
    std::vector<store::PlcUpdate> updates;  ///< one transaction
    std::vector<FailureEdgeToRecord> failures;
    std::vector<SlotProblem> problems;
    std::vector<batch::LogLine> log;  ///< lines to write now (finished-and-failed); failure edges are logged
                                      ///< by the caller once recorded
    /// Slots whose finished batch is stored with this read: write 1 to their READ status_read_data
    /// once the updates are committed (docs/CONTRACT.md "PLC memory layout").
    std::vector<int> acknowledge;
    std::vector<UnclaimedSlot> unclaimed;
    int matched = 0;
};

[[nodiscard]] SyncPlan plan_plc_sync(std::span<const store::Batch> active, std::span<const memory_map::BatchSlot> slots,
                                     const batch::AutoCancelSettings& settings, store::TimePoint read_at);

}  // namespace plcbridge::tasks
