#pragma once
/// The auto-cancel trigger (docs/CONTRACT.md "The auto-cancel", made reliable):
/// an active, unfinished batch whose PLC slot shows status_operation = 1 while the stored value is
/// 0 — the 0 -> 1 edge, not the level — confirmed by `confirm_reads` consecutive reads. Pure: the
/// caller turns the decision into one database transaction and log lines.

namespace plcbridge::batch {

struct AutoCancelSettings {
    bool enabled = true;
    int confirm_reads = 1;  ///< consecutive reads showing 1 before acting (noisy lines)
};

/// What the stored batch says, and what this (clean, matched) read says.
struct FailureObservation {
    bool stored_failed = false;  ///< mo_batch.status_operation
    int failure_reads = 0;       ///< consecutive reads of 1 so far
    bool read_failed = false;    ///< status_operation in this read
    bool read_finished = false;  ///< status_manufacturing in this read
};

enum class FailureAction {
    none,            ///< nothing to do
    count,           ///< store the new failure_reads, wait for more reads
    trigger_cancel,  ///< store status_operation = 1 and create the cancel job (one transaction)
    latch_only,      ///< store status_operation = 1 without a cancel job (finished, or auto-cancel off)
    reset,           ///< the flag went back to 0 before being confirmed: failure_reads = 0
};

struct FailureDecision {
    FailureAction action = FailureAction::none;
    int failure_reads = 0;             ///< the value to store
    bool finished_and_failed = false;  ///< log the WARNING: the PLC finished it, nothing is cancelled
};

[[nodiscard]] FailureDecision decide_failure(const FailureObservation& o, const AutoCancelSettings& settings) noexcept;

}  // namespace plcbridge::batch
