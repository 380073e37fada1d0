#include "plcbridge/api/router.hpp"

#include <fmt/format.h>

#include "plcbridge/api/console_view.hpp"
#include "plcbridge/api/history_csv.hpp"
#include "plcbridge/api/json_views.hpp"
#include "plcbridge/api/responses.hpp"
#include "plcbridge/auth/random_token.hpp"
#include "plcbridge/batch/log_messages.hpp"
#include "plcbridge/core/metrics.hpp"
#include "plcbridge/store/errc.hpp"
#include "plcbridge/store/time_text.hpp"

namespace plcbridge::api {

namespace asio = boost::asio;

namespace {

constexpr std::string_view kCancelPrefix = "/api/admin/manual/cancel-batch/";
constexpr std::string_view kJobPrefix = "/api/admin/jobs/";
constexpr std::string_view kFailurePrefix = "/api/admin/equipment-failures/";

HttpResponse refusal_response(const Refusal& r) {
    HttpResponse answer = error_response(r.status, r.code, r.message);
    if (r.status == 401) answer.headers.emplace_back("WWW-Authenticate", "Bearer");
    return answer;
}

/// "2026-12-01" as the start of that day (UTC).
std::optional<store::TimePoint> day_start(std::string_view text) {
    if (text.size() != 10) return std::nullopt;
    auto parsed = store::from_db_time(std::string(text) + "T00:00:00Z");
    if (!parsed) return std::nullopt;
    return *parsed;
}

}  // namespace

ApiRouter::ApiRouter(service::ServiceApi& service, std::string token, async::ChangeFeed* feed,
                     std::function<std::string()> make_token)
    : ApiRouter(std::vector<ServedLine>{ServedLine{1, "line 1", &service, feed}}, std::move(token),
                std::move(make_token)) {}

ApiRouter::ApiRouter(std::vector<ServedLine> lines, std::string token, std::function<std::string()> make_token)
    : lines_(std::move(lines)),
      service_(*lines_.at(0).service),
      auth_(std::move(token),
            make_token ? std::move(make_token) : std::function<std::string()>([] { return auth::random_token(); })) {}

std::variant<LineChoice, HttpResponse> ApiRouter::choose_line(const RequestTarget& target) const {
    auto it = target.query.find("line");
    if (it == target.query.end() || it->second.empty()) return LineChoice{&lines_.front(), lines_.size() > 1};
    std::string known;
    for (const ServedLine& line : lines_) {
        if (std::to_string(line.id) == it->second) return LineChoice{&line, false};
        known += (known.empty() ? "" : ", ") + std::to_string(line.id);
    }
    return error_response(404, "unknown_line",
                          fmt::format("line '{}' is not served here; lines: {}", it->second, known));
}

std::string ApiRouter::audit_target_prefix(const LineChoice& on) const {
    return lines_.size() > 1 ? fmt::format("line {} ", on.line->id) : std::string();
}

asio::awaitable<HttpResponse> ApiRouter::handle(HttpRequest request) {
    auto parsed = parse_target(request.target);
    if (!parsed) co_return error_response(400, "bad_request", "the request target has a malformed %-escape");
    if (auto bad = invalid_utf8_part(*parsed)) {
        co_return error_response(400, "bad_request", *bad + " is not valid UTF-8: send text as UTF-8, %-escaped");
    }
    const RequestTarget target = std::move(*parsed);
    const std::string& path = target.path;
    const std::string& method = request.method;
    auto chosen = choose_line(target);
    if (auto* unknown = std::get_if<HttpResponse>(&chosen)) co_return *unknown;
    const LineChoice on = std::get<LineChoice>(chosen);
    service::ServiceApi& line_service = *on.line->service;

    if (path == "/" || path.starts_with("/console/")) {
        if (method != "GET") co_return method_not_allowed("GET");
        if (auto file = console_file(path)) co_return *file;
        co_return error_response(404, "not_found", fmt::format("no such path: {}", path));
    }
    if (path == "/metrics") {
        // Prometheus scrapes it like /api/health: no token, nothing secret in it.
        if (method != "GET") co_return method_not_allowed("GET");
        co_return HttpResponse{200, std::string(metrics::kContentType), metrics_of(on), {}};
    }
    if (path == "/api/health") {
        if (method != "GET") co_return method_not_allowed("GET");
        co_return json_response(200, health_of(on));
    }
    if (path == "/api/batches") {
        if (method != "GET") co_return method_not_allowed("GET");
        auto answer = co_await batches(on);
        co_return answer;
    }
    if (path == "/api/histories" || path == "/api/histories.csv") {
        if (method != "GET") co_return method_not_allowed("GET");
        auto answer = co_await histories(on, target, path.ends_with(".csv"));
        co_return answer;
    }
    if (path == "/api/events") {
        if (method != "GET") co_return method_not_allowed("GET");
        if (on.line->feed == nullptr) co_return error_response(503, "unavailable", "this server has no event stream");
        HttpResponse stream{200, "text/event-stream", {}, {}};
        stream.event_stream = true;
        stream.stream_line = static_cast<std::size_t>(on.line - lines_.data());
        co_return stream;
    }
    if (path == "/api/equipment-failures") {
        if (method != "GET") co_return method_not_allowed("GET");
        auto answer = co_await equipment_failures(on, target);
        co_return answer;
    }
    if (path == "/api/reports/cancellations") {
        if (method != "GET") co_return method_not_allowed("GET");
        auto answer = co_await cancellation_report(on, target);
        co_return answer;
    }
    if (path == "/api/session") {
        if (method == "POST") {
            auto answer = co_await sign_in(request);
            co_return answer;
        }
        const Caller caller = auth_.identify(request, std::chrono::steady_clock::now());
        auto answer = co_await session(request, caller);
        co_return answer;
    }
    const bool audit_path = path == "/api/audit";
    if (!audit_path && !path.starts_with("/api/admin/")) {
        co_return error_response(404, "not_found", fmt::format("no such path: {}", path));
    }

    // Who is asking first, so an unauthenticated caller learns nothing about the paths.
    Caller caller = auth_.identify(request, std::chrono::steady_clock::now());
    if (auto refused = refusal_for(caller, Need::viewer, false, request.csrf_token))
        co_return refusal_response(*refused);
    const bool post = method == "POST";
    if (post && caller.via == Caller::Via::session) {
        // Before acting for a person, the account as stored now: disabled, demoted or given a new
        // password since the sign-in (by `plcbridge user`, maybe in another process) takes effect at once.
        auto account = co_await service_.find_operator(caller.name);
        if (!account) co_return database_unavailable(account.error());
        if (!*account || (*account)->disabled || (*account)->password_hash != caller.credential) {
            auth_.sessions().close_all_of(caller.name);
            co_return refusal_response(Refusal{
                401, "unauthorized",
                fmt::format("the account '{}' was disabled or its password changed: sign in again", caller.name)});
        }
        caller.role = auth::parse_role((*account)->role).value_or(auth::Role::viewer);
    }
    auto refused_for = [&](Need need) { return refusal_for(caller, need, post, request.csrf_token); };

    if (audit_path) {
        if (method != "GET") co_return method_not_allowed("GET");
        // docs/CONTRACT.md "HTTP API": the token or an operator's session (not a viewer's).
        if (auto refused = refused_for(Need::operator_role)) co_return refusal_response(*refused);
        auto answer = co_await audit_list(target);
        co_return answer;
    }
    if (path.starts_with(kCancelPrefix)) {
        if (method != "POST") co_return method_not_allowed("POST");
        if (auto refused = refused_for(Need::operator_role)) co_return refusal_response(*refused);
        auto answer = co_await cancel_batch(on, caller, target, std::string_view(path).substr(kCancelPrefix.size()),
                                            request.body);
        co_return answer;
    }
    if (path == "/api/admin/manual/trigger-plc-sync") {
        if (method != "POST") co_return method_not_allowed("POST");
        if (auto refused = refused_for(Need::operator_role)) co_return refusal_response(*refused);
        auto answer = co_await trigger_plc_sync(on, caller);
        co_return answer;
    }
    if (path == "/api/admin/scheduler/status") {
        if (method != "GET") co_return method_not_allowed("GET");
        co_return json_response(200,
                                scheduler_json(line_service.scheduler().enabled(), line_service.scheduler().status()));
    }
    if (path == "/api/admin/scheduler/toggle") {
        if (method != "POST") co_return method_not_allowed("POST");
        if (auto refused = refused_for(Need::admin)) co_return refusal_response(*refused);
        auto answer = co_await toggle_scheduler(on, caller, request.body);
        co_return answer;
    }
    if (path.starts_with(kJobPrefix) && path.ends_with("/retry")) {
        if (method != "POST") co_return method_not_allowed("POST");
        if (auto refused = refused_for(Need::operator_role)) co_return refusal_response(*refused);
        const std::string_view rest = std::string_view(path).substr(kJobPrefix.size());
        auto answer = co_await retry_job(on, caller, rest.substr(0, rest.size() - std::string_view("/retry").size()));
        co_return answer;
    }
    if (path.starts_with(kFailurePrefix) && path.ends_with("/acknowledge")) {
        if (method != "POST") co_return method_not_allowed("POST");
        if (auto refused = refused_for(Need::operator_role)) co_return refusal_response(*refused);
        const std::string_view rest = std::string_view(path).substr(kFailurePrefix.size());
        auto answer = co_await acknowledge_failure(
            caller, rest.substr(0, rest.size() - std::string_view("/acknowledge").size()), request.body);
        co_return answer;
    }
    co_return error_response(404, "not_found", fmt::format("no such path: {}", path));
}

Json ApiRouter::health_of(const LineChoice& on) const {
    Json report = health_json(on.line->service->health(), on.line->service->stale_after());
    if (lines_.size() == 1) return report;
    // Several lines: which line this is, and every line's verdict; without ?line the status is
    // the worst of them, so a monitor of /api/health sees any line that is not well.
    report["line_id"] = on.line->id;
    report["line_name"] = on.line->name;
    Json all = Json::array();
    bool any_degraded = false;
    for (const ServedLine& line : lines_) {
        const bool degraded = service::degraded(line.service->health(), line.service->stale_after());
        any_degraded = any_degraded || degraded;
        all.push_back({{"line", line.id}, {"name", line.name}, {"status", degraded ? "degraded" : "ok"}});
    }
    report["lines"] = std::move(all);
    if (on.all && any_degraded) report["status"] = "degraded";
    return report;
}

std::string ApiRouter::metrics_of(const LineChoice& on) const {
    if (lines_.size() == 1) return on.line->service->metrics();
    // One exposition: each family once, its samples labelled by line.
    std::vector<metrics::LabelledExposition> parts;
    for (const ServedLine& line : lines_) {
        if (on.all || &line == on.line) parts.push_back({std::to_string(line.id), line.service->metrics()});
    }
    return metrics::merge_with_label("line", parts);
}

asio::awaitable<HttpResponse> ApiRouter::batches(const LineChoice& on) {
    Json list = Json::array();
    for (const ServedLine& line : lines_) {
        if (!on.all && &line != on.line) continue;
        auto batches = co_await line.service->batches();
        if (!batches) co_return database_unavailable(batches.error());
        for (const auto& b : *batches)
            list.push_back(batch_json(b));
    }
    co_return json_response(200, Json{{"batches", std::move(list)}});
}

asio::awaitable<HttpResponse> ApiRouter::histories(const LineChoice& on, const RequestTarget& target, bool csv) {
    service::ServiceApi& line_service = *on.line->service;
    if (auto extra =
            unknown_param(target.query, {"status", "mo_id", "product", "from", "to", "limit", "offset", "line"})) {
        co_return error_response(
            400, "bad_request",
            fmt::format("unknown parameter '{}'; use status, mo_id, product, from, to, limit, offset, line", *extra));
    }
    store::HistoryFilter filter;
    filter.all_lines = on.all;
    if (auto it = target.query.find("status"); it != target.query.end() && !it->second.empty()) {
        if (it->second != "completed" && it->second != "cancelled") {
            co_return error_response(400, "bad_request",
                                     fmt::format("status '{}' is not completed or cancelled", it->second));
        }
        filter.status = it->second;
    }
    if (auto it = target.query.find("mo_id"); it != target.query.end() && !it->second.empty())
        filter.mo_id = it->second;
    if (auto it = target.query.find("product"); it != target.query.end() && !it->second.empty())
        filter.product = it->second;
    for (const char* key : {"from", "to"}) {
        auto it = target.query.find(key);
        if (it == target.query.end() || it->second.empty()) continue;
        auto day = day_start(it->second);
        if (!day) {
            co_return error_response(400, "bad_request",
                                     fmt::format("{} '{}' is not a date YYYY-MM-DD (UTC)", key, it->second));
        }
        if (std::string_view(key) == "from") {
            filter.from = *day;
        } else {
            filter.before = *day + std::chrono::hours(24);  // "to" includes that day
        }
    }
    auto page = page_of(target);
    if (auto* bad = std::get_if<HttpResponse>(&page)) co_return *bad;
    filter.limit = std::get<Page>(page).limit;
    filter.offset = std::get<Page>(page).offset;
    auto rows = co_await line_service.histories(filter);
    if (!rows) co_return database_unavailable(rows.error());
    if (csv) {
        HttpResponse file{200, "text/csv; charset=utf-8", histories_csv(*rows), {}};
        file.headers.emplace_back("Content-Disposition", "attachment; filename=\"plcbridge-history.csv\"");
        co_return file;
    }
    Json list = Json::array();
    for (const auto& h : *rows)
        list.push_back(history_json(h));
    co_return json_response(200,
                            Json{{"histories", std::move(list)}, {"limit", filter.limit}, {"offset", filter.offset}});
}

asio::awaitable<HttpResponse> ApiRouter::cancel_batch(const LineChoice& on, const Caller& caller,
                                                      const RequestTarget& target, std::string_view batch_text,
                                                      const std::string& body) {
    service::ServiceApi& line_service = *on.line->service;
    const auto batch_no = parse_whole_number(batch_text, 1, line_service.slots());
    if (!batch_no) {
        co_return error_response(
            400, "bad_request",
            fmt::format("batch_no '{}' is not a PLC slot number 1..{}", batch_text, line_service.slots()));
    }
    if (auto extra = unknown_param(target.query, {"notes", "cancel_in_odoo", "line"})) {
        co_return error_response(400, "bad_request",
                                 fmt::format("unknown parameter '{}'; use notes, cancel_in_odoo, line", *extra));
    }
    auto object = body_object(body);
    if (!object) co_return error_response(400, "bad_request", object.error().detail);
    if (auto extra = unknown_key(*object, {"notes", "cancel_in_odoo"})) {
        co_return error_response(400, "bad_request",
                                 fmt::format("unknown field '{}' in the body; use notes, cancel_in_odoo", *extra));
    }
    std::string notes;
    bool cancel_in_odoo = false;
    if (auto it = target.query.find("notes"); it != target.query.end()) notes = it->second;
    if (auto it = target.query.find("cancel_in_odoo"); it != target.query.end()) {
        auto flag = parse_flag(it->second);
        if (!flag) co_return error_response(400, "bad_request", "cancel_in_odoo must be true or false");
        cancel_in_odoo = *flag;
    }
    if (object->contains("notes")) {
        if (!(*object)["notes"].is_string()) co_return error_response(400, "bad_request", "notes must be a string");
        notes = (*object)["notes"].get<std::string>();
    }
    if (object->contains("cancel_in_odoo")) {
        if (!(*object)["cancel_in_odoo"].is_boolean())
            co_return error_response(400, "bad_request", "cancel_in_odoo must be true or false");
        cancel_in_odoo = (*object)["cancel_in_odoo"].get<bool>();
    }
    const int slot = static_cast<int>(*batch_no);
    const std::string reason = notes;
    // A person signed in to the console is named in the history row; the token's notes are kept as sent.
    if (caller.via == Caller::Via::session) notes = batch::operator_cancel_note(caller.name, notes);
    auto done = co_await line_service.manual_cancel(slot, notes, cancel_in_odoo);
    const std::string what =
        fmt::format("{}batch {}{}", audit_target_prefix(on), slot, cancel_in_odoo ? ", cancel in Odoo first" : "");
    if (!done) {
        const Error& e = done.error();
        {
            auto audit = audit_entry(caller, "manual_cancel", what, reason, e.message());
            co_await record(std::move(audit));
        }
        if (e.code == store::Errc::not_found) co_return error_response(404, "unknown_batch", e.message());
        if (e.code == store::Errc::conflict) co_return error_response(409, "conflict", e.message());
        co_return database_unavailable(e);
    }
    {
        auto audit = audit_entry(caller, "manual_cancel",
                                 fmt::format("{}batch {} ({}){}", audit_target_prefix(on), slot, done->mo_id,
                                             cancel_in_odoo ? ", cancel in Odoo first" : ""),
                                 reason, done->job_id ? "queued" : "ok");
        co_await record(std::move(audit));
    }
    Json answer{{"batch_no", done->batch_no}, {"mo_id", done->mo_id}, {"notes", done->notes}};
    if (done->job_id) {
        answer["status"] = "cancelling";
        answer["job_id"] = *done->job_id;
        answer["message"] = "the MO is cancelled in Odoo first, then the batch is archived; see /api/batches";
        co_return json_response(202, answer);
    }
    answer["status"] = "cancelled";
    co_return json_response(200, answer);
}

asio::awaitable<HttpResponse> ApiRouter::trigger_plc_sync(const LineChoice& on, const Caller& caller) {
    service::ServiceApi& line_service = *on.line->service;
    auto outcome = co_await line_service.trigger_plc_sync();
    {
        auto audit = audit_entry(caller, "trigger_plc_sync", audit_target_prefix(on), "",
                                 !outcome           ? "the service is stopping"
                                 : !outcome->plc_ok ? "the PLC did not answer"
                                 : outcome->error   ? outcome->error->message()
                                                    : "ok");
        co_await record(std::move(audit));
    }
    if (!outcome) co_return error_response(503, "stopping", "the service is stopping");
    Json body = sync_outcome_json(*outcome);
    if (!outcome->plc_ok) {
        co_return json_response(503, Json{{"error", "plc_unreachable"},
                                          {"message", "the PLC did not answer: " + body["error"].get<std::string>()},
                                          {"outcome", std::move(body)}});
    }
    if (outcome->error) {
        co_return json_response(503, Json{{"error", "database_unavailable"},
                                          {"message", "the read was not stored: " + outcome->error->message()},
                                          {"outcome", std::move(body)}});
    }
    co_return json_response(200, body);
}

asio::awaitable<HttpResponse> ApiRouter::toggle_scheduler(const LineChoice& on, const Caller& caller,
                                                          const std::string& body) {
    service::ServiceApi& line_service = *on.line->service;
    auto object = body_object(body);
    if (!object) co_return error_response(400, "bad_request", object.error().detail);
    if (auto extra = unknown_key(*object, {"enabled", "task"})) {
        co_return error_response(400, "bad_request", fmt::format("unknown field '{}'; use enabled and task", *extra));
    }
    if (!object->contains("enabled") || !(*object)["enabled"].is_boolean()) {
        co_return error_response(400, "bad_request",
                                 "the body needs {\"enabled\": true|false} (and optionally \"task\")");
    }
    const bool enabled = (*object)["enabled"].get<bool>();
    service::Scheduler& scheduler = line_service.scheduler();
    if (object->contains("task")) {
        const Json& task = (*object)["task"];
        if (!task.is_string() || !scheduler.set_task_enabled(task.get<std::string>(), enabled)) {
            std::string names;
            for (const auto& s : scheduler.status())
                names += (names.empty() ? "" : ", ") + s.name;
            co_return error_response(400, "bad_request", fmt::format("task must be one of: {}", names));
        }
        {
            auto audit = audit_entry(caller, enabled ? "task_enable" : "task_disable",
                                     audit_target_prefix(on) + task.get<std::string>(), "", "ok");
            co_await record(std::move(audit));
        }
    } else {
        scheduler.set_enabled(enabled);
        {
            auto audit = audit_entry(caller, enabled ? "scheduler_enable" : "scheduler_disable",
                                     audit_target_prefix(on) + "all tasks", "", "ok");
            co_await record(std::move(audit));
        }
    }
    co_return json_response(200, scheduler_json(scheduler.enabled(), scheduler.status()));
}

}  // namespace plcbridge::api
