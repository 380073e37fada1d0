#include "plcbridge/api/json_views.hpp"

#include "plcbridge/store/time_text.hpp"

namespace plcbridge::api {

Json time_or_null(const std::optional<store::TimePoint>& t) {
    return t ? Json(store::to_db_time(*t)) : Json(nullptr);
}

Json lines_json(const std::vector<store::BatchLine>& lines) {
    Json out = Json::array();
    for (const auto& l : lines) {
        out.push_back(
            {{"equipment", l.equipment_code}, {"planned", l.planned.to_double()}, {"actual", l.actual.to_double()}});
    }
    return out;
}

namespace {

Json job_json(const store::Job& job) {
    return {{"id", job.id},
            {"kind", std::string(store::job_kind_name(job.kind))},
            {"state", std::string(store::job_state_name(job.state))},
            {"attempts", job.attempts},
            {"next_attempt_at", store::to_db_time(job.next_attempt_at)},
            {"last_error", job.last_error},
            {"created_at", store::to_db_time(job.created_at)}};
}

Json link_json(service::DependencyState state, const LinkStatus& link) {
    return {{"status", std::string(service::dependency_state_name(state))},
            {"last_ok", time_or_null(link.last_ok)},
            {"last_failure", time_or_null(link.last_failure)},
            {"consecutive_failures", link.consecutive_failures},
            {"last_error", link.last_error}};
}

}  // namespace

Json batch_json(const service::BatchView& view) {
    const store::Batch& b = view.batch;
    Json jobs = Json::array();
    for (const auto& j : view.jobs)
        jobs.push_back(job_json(j));
    return {{"batch_no", b.batch_no},
            {"line", b.line},
            {"mo_id", b.mo_id},
            {"bom", b.bom},
            {"finished_goods", b.finished_goods},
            {"quantity", b.quantity.to_double()},
            {"weight_finished_good", b.weight_finished_good.to_double()},
            {"status_manufacturing", b.status_manufacturing},
            {"status_operation", b.status_operation},
            {"status_read_data", b.status_read_data},
            {"last_read_from_plc", time_or_null(b.last_read_from_plc)},
            {"last_change_from_plc", time_or_null(b.last_change_from_plc)},
            {"created_at", store::to_db_time(b.created_at)},
            {"lines", lines_json(b.lines)},
            {"jobs", std::move(jobs)},
            {"concerns", view.concerns}};
}

Json history_json(const store::History& h) {
    return {{"id", h.id},
            {"batch_no", h.batch_no},
            {"line", h.line},
            {"mo_id", h.mo_id},
            {"bom", h.bom},
            {"finished_goods", h.finished_goods},
            {"quantity", h.quantity.to_double()},
            {"weight_finished_good", h.weight_finished_good.to_double()},
            {"status", h.status},
            {"notes", h.notes},
            {"status_manufacturing", h.status_manufacturing},
            {"status_operation", h.status_operation},
            {"last_read_from_plc", time_or_null(h.last_read_from_plc)},
            {"batch_created_at", store::to_db_time(h.batch_created_at)},
            {"created_at", store::to_db_time(h.created_at)},
            {"lines", lines_json(h.lines)}};
}

namespace {
/// The line's leadership: who drives it, with which epoch, who stands by (docs/FAILOVER.md).
Json line_json(const service::HealthReport& h) {
    if (!h.leadership) return {{"line", 1}, {"mode", "single_instance"}, {"role", "leader"}};
    const store::LeadershipView& v = *h.leadership;
    Json out{{"line", v.me.line},
             {"mode", "failover"},
             {"instance", v.me.name},
             {"role", v.leading ? "leader" : "standby"},
             {"epoch", v.epoch},
             {"has_leader", service::line_has_leader(h)},
             {"lease_error", v.last_error},
             {"leader", nullptr},
             {"standbys", Json::array()}};
    if (!v.database) return out;
    if (const auto& l = v.database->leader) {
        out["leader"] = {{"instance", l->instance},
                         {"epoch", l->epoch},
                         {"since", store::to_db_time(l->since)},
                         {"lease_until", store::to_db_time(l->lease_until)},
                         {"lease_valid", l->lease_until >= v.database->read_at}};
    }
    for (const auto& i : v.database->instances) {
        if (v.database->leader && i.instance == v.database->leader->instance) continue;
        out["standbys"].push_back({{"instance", i.instance},
                                   {"api", i.api},
                                   {"fins_node", i.fins_node},
                                   {"seen_at", store::to_db_time(i.seen_at)}});
    }
    return out;
}
}  // namespace

Json health_json(const service::HealthReport& h, std::chrono::milliseconds stale_after) {
    Json plc = link_json(service::plc_state(h), h.plc.link);
    plc["standing_warning"] = h.plc.standing_warning;
    plc["slots_with_problems"] = h.plc.slots_with_problems;
    plc["problems_reported"] = h.plc.problems_reported;
    const auto db_state = service::database_state(h, stale_after);
    Json unqueued = Json::array();
    for (const auto& u : h.unqueued_mos)
        unqueued.push_back({{"mo_id", u.mo_id}, {"reason", u.reason}, {"since", store::to_db_time(u.since)}});
    return {{"status", service::degraded(h, stale_after) ? "degraded" : "ok"},
            {"at", store::to_db_time(h.at)},
            {"plc", std::move(plc)},
            {"odoo", link_json(service::odoo_state(h), h.odoo)},
            {"database",
             {{"status", std::string(service::dependency_state_name(db_state))},
              {"reconnects", h.database.reconnects},
              {"last_error", h.database.last_error},
              {"writes_failing", h.database.writes_failing},
              {"last_write_error", h.database.last_write_error},
              {"checked_at", time_or_null(h.database.checked_at)}}},
            {"odoo_jobs",
             {{"pending", h.jobs.pending},
              {"archiving", h.jobs.archiving},
              {"refused", h.jobs.refused},
              {"needs_attention", h.jobs.needs_attention}}},
            {"scheduler", {{"enabled", h.scheduler_enabled}}},
            {"line", line_json(h)},
            {"unqueued_mos", std::move(unqueued)},
            {"warnings", service::health_warnings(h, stale_after)}};
}

Json sync_outcome_json(const tasks::SyncOutcome& o) {
    return {{"plc_ok", o.plc_ok},     {"fins_reads", o.fins_reads},
            {"matched", o.matched},   {"failures_recorded", o.failures_recorded},
            {"problems", o.problems}, {"error", o.error ? o.error->message() : std::string()}};
}

Json scheduler_json(bool enabled, const std::vector<service::TaskStatus>& tasks) {
    Json list = Json::array();
    for (const auto& t : tasks) {
        list.push_back({{"name", t.name},
                        {"interval_ms", t.interval.count()},
                        {"enabled", t.enabled},
                        {"running", t.running},
                        {"runs", t.runs},
                        {"failed_runs", t.failed_runs},
                        {"overruns", t.overruns},
                        {"last_started", time_or_null(t.last_started)},
                        {"last_duration_ms", t.last_duration.count()},
                        {"last_error", t.last_error}});
    }
    return {{"enabled", enabled}, {"tasks", std::move(list)}};
}

std::string error_body(std::string_view code, std::string_view message) {
    return Json{{"error", code}, {"message", message}}.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace plcbridge::api
