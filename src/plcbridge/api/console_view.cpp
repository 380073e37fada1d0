#include "plcbridge/api/console_view.hpp"

#include <algorithm>
#include <map>

#include "plcbridge/store/time_text.hpp"

namespace plcbridge::api {

namespace {

bool open_job(const store::Job& j) {
    return j.state == store::JobState::pending || j.state == store::JobState::odoo_done;
}
bool stuck_job(const store::Job& j) {
    return j.state == store::JobState::refused || j.state == store::JobState::needs_attention;
}

Json active_card(const service::BatchView& view) {
    const store::Batch& b = view.batch;
    Json jobs = Json::array();
    for (const auto& j : view.jobs) {
        jobs.push_back({{"id", j.id},
                        {"kind", std::string(store::job_kind_name(j.kind))},
                        {"state", std::string(store::job_state_name(j.state))},
                        {"attempts", j.attempts},
                        {"last_error", j.last_error}});
    }
    return {{"slot", b.batch_no},
            {"state", std::string(slot_state_name(active_slot_state(view)))},
            {"mo_id", b.mo_id},
            {"product", b.finished_goods},
            {"bom", b.bom},
            {"quantity", b.quantity.to_double()},
            {"weight_finished_good", b.weight_finished_good.to_double()},
            {"lines", lines_json(b.lines)},
            {"last_change_from_plc", time_or_null(b.last_change_from_plc)},
            {"since", store::to_db_time(b.created_at)},
            {"jobs", std::move(jobs)},
            {"concerns", view.concerns},
            {"notes", ""}};
}

Json archived_card(const store::History& h) {
    return {{"slot", h.batch_no},
            {"state", h.status == "cancelled" ? "cancelled" : "completed"},
            {"mo_id", h.mo_id},
            {"product", h.finished_goods},
            {"bom", h.bom},
            {"quantity", h.quantity.to_double()},
            {"weight_finished_good", h.weight_finished_good.to_double()},
            {"lines", lines_json(h.lines)},
            {"last_change_from_plc", time_or_null(h.last_read_from_plc)},
            {"since", store::to_db_time(h.created_at)},
            {"jobs", Json::array()},
            {"concerns", Json::array()},
            {"notes", h.notes}};
}

Json empty_card(int slot) {
    return {
        {"slot", slot},          {"state", "empty"},          {"mo_id", ""}, {"product", ""}, {"lines", Json::array()},
        {"jobs", Json::array()}, {"concerns", Json::array()}, {"notes", ""}};
}

Json attention_item(std::string kind, Json fields) {
    fields["kind"] = std::move(kind);
    return fields;
}

}  // namespace

std::string_view slot_state_name(SlotState s) noexcept {
    switch (s) {
        case SlotState::empty: return "empty";
        case SlotState::queued: return "queued";
        case SlotState::dosing: return "dosing";
        case SlotState::finished: return "finished";
        case SlotState::failed: return "failed";
        case SlotState::cancelling: return "cancelling";
        case SlotState::needs_attention: return "needs_attention";
        case SlotState::cancelled: return "cancelled";
        case SlotState::completed: return "completed";
    }
    return "empty";
}

SlotState active_slot_state(const service::BatchView& view) noexcept {
    const store::Batch& b = view.batch;
    if (std::any_of(view.jobs.begin(), view.jobs.end(), stuck_job)) return SlotState::needs_attention;
    const auto cancel = std::find_if(view.jobs.begin(), view.jobs.end(), [](const store::Job& j) {
        return j.kind == store::JobKind::cancel && open_job(j);
    });
    if (cancel != view.jobs.end()) {
        // Until the first call to Odoo has ended the batch is simply failed; from then on (a retry
        // after an error, or Odoo done and the archive due) it is being cancelled.
        return cancel->attempts > 0 || cancel->state == store::JobState::odoo_done ? SlotState::cancelling
                                                                                   : SlotState::failed;
    }
    if (b.status_operation) return SlotState::failed;  // auto-cancel disabled, or latched without a job
    // The PLC sets status_manufacturing when the batch reached its targets (docs/DESIGN.md, Task 2);
    // before that, any consumption means the mixer is dosing it.
    if (b.status_manufacturing) return SlotState::finished;
    const bool started = std::any_of(b.lines.begin(), b.lines.end(),
                                     [](const store::BatchLine& l) { return l.actual.to_double() > 0.0; });
    return started ? SlotState::dosing : SlotState::queued;
}

std::string equipment_failure_target(std::int64_t id) {
    return "equipment_failure:" + std::to_string(id);
}

Json console_state_json(const service::ConsoleInputs& in, const service::HealthReport& health,
                        std::chrono::milliseconds stale_after, int slots) {
    std::map<int, Json> cards;
    for (const auto& view : in.batches)
        cards.emplace(view.batch.batch_no, active_card(view));
    // The latest archived batch of an otherwise empty slot stays on its card (cancelled,
    // completed) until the next queue takes the slot: the operator sees how it ended.
    for (const auto& h : in.recent_histories) {  // newest first
        if (!cards.contains(h.batch_no)) cards.emplace(h.batch_no, archived_card(h));
    }
    Json slot_list = Json::array();
    for (int slot = 1; slot <= slots; ++slot) {
        auto it = cards.find(slot);
        slot_list.push_back(it != cards.end() ? it->second : empty_card(slot));
    }

    Json attention = Json::array();
    for (const auto& view : in.batches) {
        const store::Batch& b = view.batch;
        for (const auto& j : view.jobs) {
            if (!stuck_job(j)) continue;
            attention.push_back(attention_item(j.kind == store::JobKind::cancel && j.state == store::JobState::refused
                                                   ? "refused_cancel"
                                                   : "job_needs_attention",
                                               {{"slot", b.batch_no},
                                                {"mo_id", b.mo_id},
                                                {"job_id", j.id},
                                                {"job_kind", std::string(store::job_kind_name(j.kind))},
                                                {"message", j.last_error},  // Odoo's words, verbatim
                                                {"actions", {"retry", "manual_cancel"}}}));
        }
        for (const auto& concern : view.concerns) {
            attention.push_back(attention_item(
                "stuck_batch",
                {{"slot", b.batch_no}, {"mo_id", b.mo_id}, {"message", concern}, {"actions", {"manual_cancel"}}}));
        }
    }
    for (const auto& u : health.unqueued_mos) {
        attention.push_back(attention_item("unqueued_mo", {{"mo_id", u.mo_id},
                                                           {"message", u.reason},
                                                           {"since", store::to_db_time(u.since)},
                                                           {"actions", Json::array()}}));
    }
    if (service::plc_state(health) == service::DependencyState::down) {
        attention.push_back(
            attention_item("plc_not_ready", {{"message", health.plc.link.last_error}, {"actions", Json::array()}}));
    } else if (!health.plc.standing_warning.empty()) {
        attention.push_back(
            attention_item("plc_not_ready", {{"message", health.plc.standing_warning}, {"actions", Json::array()}}));
    }
    if (service::database_state(health, stale_after) == service::DependencyState::down) {
        attention.push_back(attention_item(
            "database", {{"message", health.database.last_error.empty() ? health.database.last_write_error
                                                                        : health.database.last_error},
                         {"actions", Json::array()}}));
    }
    for (const auto& f : in.equipment_failures) {
        if (in.acknowledged.contains(equipment_failure_target(f.id))) continue;
        attention.push_back(attention_item("equipment_failure", {{"id", f.id},
                                                                 {"equipment", f.failure.equipment_code},
                                                                 {"message", f.failure.info},
                                                                 {"at", store::to_db_time(f.failure.occurred_at)},
                                                                 {"actions", {"acknowledge"}}}));
    }
    return {{"slots", std::move(slot_list)}, {"attention", std::move(attention)}};
}

}  // namespace plcbridge::api
