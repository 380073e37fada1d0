#include "plcbridge/tasks/plc_sync_plan.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "plcbridge/batch/log_messages.hpp"

namespace plcbridge::tasks {
namespace {

const memory_map::BatchSlot* slot_of(std::span<const memory_map::BatchSlot> slots, int slot) {
    for (const auto& s : slots) {
        if (s.slot == slot) return &s;
    }
    return nullptr;
}

/// The actual consumption that differs from what is stored (a missing line counts as 0).
std::vector<std::pair<std::string, store::Decimal>> changed_actuals(const store::Batch& b,
                                                                    const memory_map::BatchSlot& s) {
    std::vector<std::pair<std::string, store::Decimal>> changed;
    for (const auto& reading : s.consumption) {
        auto line = std::find_if(b.lines.begin(), b.lines.end(),
                                 [&](const store::BatchLine& l) { return l.equipment_code == reading.code; });
        const store::Decimal stored = line != b.lines.end() ? line->actual : store::Decimal{0, 100};
        if (!(stored == reading.amount)) changed.emplace_back(reading.code, reading.amount);
    }
    return changed;
}

}  // namespace

SyncPlan plan_plc_sync(std::span<const store::Batch> active, std::span<const memory_map::BatchSlot> slots,
                       const batch::AutoCancelSettings& settings, store::TimePoint read_at) {
    SyncPlan plan;
    for (const store::Batch& b : active) {
        const memory_map::BatchSlot* s = slot_of(slots, b.batch_no);
        if (s == nullptr) {
            plan.problems.push_back(
                {b.batch_no, b.id, b.mo_id, fmt::format("the READ area has no slot {}", b.batch_no)});
            continue;
        }
        if (s->status == memory_map::SlotStatus::empty) continue;  // nothing there yet: the PLC has not started it
        if (!s->clean()) {
            plan.problems.push_back({b.batch_no, b.id, b.mo_id,
                                     fmt::format("slot {} did not decode cleanly ({}): {}", b.batch_no,
                                                 memory_map::status_name(s->status), fmt::join(s->issues, "; "))});
            continue;
        }
        if (s->mo_id != b.mo_id) {
            plan.problems.push_back(
                {b.batch_no, b.id, b.mo_id,
                 fmt::format("slot {} holds MO {} but the database has {} there", b.batch_no, s->mo_id, b.mo_id)});
            continue;
        }

        ++plan.matched;
        store::PlcUpdate update;
        update.batch_id = b.id;
        update.read_at = read_at;
        if (s->finished != b.status_manufacturing) update.status_manufacturing = s->finished;
        if (s->read_acknowledged != b.status_read_data) update.status_read_data = s->read_acknowledged;
        if (!(s->weight_finished_good == b.weight_finished_good)) update.weight_finished_good = s->weight_finished_good;
        update.actuals = changed_actuals(b, *s);

        const batch::FailureDecision d =
            batch::decide_failure({b.status_operation, b.failure_reads, s->failed, s->finished}, settings);
        switch (d.action) {
            case batch::FailureAction::none: break;
            case batch::FailureAction::count:
            case batch::FailureAction::reset: update.failure_reads = d.failure_reads; break;
            case batch::FailureAction::latch_only:
                update.status_operation = true;
                update.failure_reads = d.failure_reads;
                if (d.finished_and_failed) {
                    plan.log.push_back({LogLevel::warning, batch::finished_and_failed(b.batch_no, b.mo_id)});
                }
                break;
            case batch::FailureAction::trigger_cancel:
                update.failure_reads = d.failure_reads;
                // Logged by the read cycle once the edge is stored, not here: a plan is not yet a fact.
                plan.failures.push_back({b.id, b.batch_no, b.mo_id});
                break;
        }
        plan.updates.push_back(std::move(update));
        // A finished batch's final values are in this update: the PLC may let go of the slot.
        if (s->finished && !s->read_acknowledged) plan.acknowledge.push_back(b.batch_no);
    }
    for (const memory_map::BatchSlot& s : slots) {
        if (!s.clean() || s.mo_id.empty()) continue;
        const bool claimed = std::any_of(active.begin(), active.end(), [&](const store::Batch& b) {
            return b.batch_no == s.slot && b.mo_id == s.mo_id;
        });
        if (!claimed) plan.unclaimed.push_back({s.slot, s.mo_id, s.finished, s.read_acknowledged});
    }
    return plan;
}

}  // namespace plcbridge::tasks
