#include "plcbridge/api/router.hpp"

#include <fmt/format.h>

#include "plcbridge/api/json_views.hpp"
#include "plcbridge/core/metrics.hpp"
#include "plcbridge/store/errc.hpp"

namespace plcbridge::api {

namespace asio = boost::asio;

namespace {

constexpr std::string_view kCancelPrefix = "/api/admin/manual/cancel-batch/";
constexpr int kMaxHistoryPage = 1000;

HttpResponse json_response(unsigned status, const Json& body) {
    // Never throws: a stored text that is not UTF-8 (from an older version) is answered with U+FFFD.
    return HttpResponse{status, "application/json", body.dump(-1, ' ', false, Json::error_handler_t::replace), {}};
}

HttpResponse error_response(unsigned status, std::string_view code, std::string_view message) {
    return HttpResponse{status, "application/json", error_body(code, message), {}};
}

HttpResponse method_not_allowed(std::string_view allowed) {
    HttpResponse r = error_response(405, "method_not_allowed", fmt::format("use {} for this path", allowed));
    r.headers.emplace_back("Allow", std::string(allowed));
    return r;
}

HttpResponse database_unavailable(const Error& error) {
    return error_response(503, "database_unavailable",
                          "the database did not answer: " + error.message() + "; nothing was changed, try again");
}

/// The body as a JSON object; an empty body is an empty object. The error's detail is the answer's message.
Result<Json> body_object(const std::string& body) {
    if (body.empty()) return Json::object();
    Json parsed = Json::parse(body, nullptr, false);
    if (parsed.is_discarded())
        return Error{std::make_error_code(std::errc::invalid_argument), "the request body is not valid JSON"};
    if (!parsed.is_object())
        return Error{std::make_error_code(std::errc::invalid_argument), "the request body must be a JSON object"};
    return parsed;
}

std::optional<std::string> unknown_key(const Json& object, std::initializer_list<std::string_view> known) {
    for (const auto& [key, value] : object.items()) {
        if (std::find(known.begin(), known.end(), key) == known.end()) return key;
    }
    return std::nullopt;
}

template <class Map>
std::optional<std::string> unknown_param(const Map& query, std::initializer_list<std::string_view> known) {
    for (const auto& [key, value] : query) {
        if (std::find(known.begin(), known.end(), key) == known.end()) return key;
    }
    return std::nullopt;
}

}  // namespace

asio::awaitable<HttpResponse> ApiRouter::handle(HttpRequest request) {
    auto parsed = parse_target(request.target);
    if (!parsed) co_return error_response(400, "bad_request", "the request target has a malformed %-escape");
    if (auto bad = invalid_utf8_part(*parsed)) {
        co_return error_response(400, "bad_request", *bad + " is not valid UTF-8: send text as UTF-8, %-escaped");
    }
    const RequestTarget target = std::move(*parsed);
    const std::string& path = target.path;
    const std::string& method = request.method;

    if (path == "/metrics") {
        // Prometheus scrapes it like /api/health: no token, nothing secret in it.
        if (method != "GET") co_return method_not_allowed("GET");
        co_return HttpResponse{200, std::string(metrics::kContentType), service_.metrics(), {}};
    }
    if (path == "/api/health") {
        if (method != "GET") co_return method_not_allowed("GET");
        co_return json_response(200, health_json(service_.health(), service_.stale_after()));
    }
    if (path == "/api/batches") {
        if (method != "GET") co_return method_not_allowed("GET");
        auto batches = co_await service_.batches();
        if (!batches) co_return database_unavailable(batches.error());
        Json list = Json::array();
        for (const auto& b : *batches)
            list.push_back(batch_json(b));
        co_return json_response(200, Json{{"batches", std::move(list)}});
    }
    if (path == "/api/histories") {
        if (method != "GET") co_return method_not_allowed("GET");
        auto answer = co_await histories(target);
        co_return answer;
    }
    if (!path.starts_with("/api/admin/")) {
        co_return error_response(404, "not_found", fmt::format("no such path: {}", path));
    }

    // Admin: the token first, so an unauthenticated caller learns nothing about the paths.
    if (!token_.empty() && !bearer_matches(request.authorization, token_)) {
        HttpResponse r =
            error_response(401, "unauthorized",
                           "this path needs the header 'Authorization: Bearer <token>' with the token of [api] token");
        r.headers.emplace_back("WWW-Authenticate", "Bearer");
        co_return r;
    }
    if (path.starts_with(kCancelPrefix)) {
        if (method != "POST") co_return method_not_allowed("POST");
        auto answer = co_await cancel_batch(target, std::string_view(path).substr(kCancelPrefix.size()), request.body);
        co_return answer;
    }
    if (path == "/api/admin/manual/trigger-plc-sync") {
        if (method != "POST") co_return method_not_allowed("POST");
        auto answer = co_await trigger_plc_sync();
        co_return answer;
    }
    if (path == "/api/admin/scheduler/status") {
        if (method != "GET") co_return method_not_allowed("GET");
        co_return json_response(200, scheduler_json(service_.scheduler().enabled(), service_.scheduler().status()));
    }
    if (path == "/api/admin/scheduler/toggle") {
        if (method != "POST") co_return method_not_allowed("POST");
        co_return toggle_scheduler(request.body);
    }
    co_return error_response(404, "not_found", fmt::format("no such path: {}", path));
}

asio::awaitable<HttpResponse> ApiRouter::histories(const RequestTarget& target) {
    if (auto extra = unknown_param(target.query, {"status", "mo_id", "limit", "offset"})) {
        co_return error_response(400, "bad_request",
                                 fmt::format("unknown parameter '{}'; use status, mo_id, limit, offset", *extra));
    }
    store::HistoryFilter filter;
    if (auto it = target.query.find("status"); it != target.query.end() && !it->second.empty()) {
        if (it->second != "completed" && it->second != "cancelled") {
            co_return error_response(400, "bad_request",
                                     fmt::format("status '{}' is not completed or cancelled", it->second));
        }
        filter.status = it->second;
    }
    if (auto it = target.query.find("mo_id"); it != target.query.end() && !it->second.empty())
        filter.mo_id = it->second;
    if (auto it = target.query.find("limit"); it != target.query.end()) {
        auto limit = parse_whole_number(it->second, 1, kMaxHistoryPage);
        if (!limit) {
            co_return error_response(
                400, "bad_request",
                fmt::format("limit '{}' is not a whole number in 1..{}", it->second, kMaxHistoryPage));
        }
        filter.limit = static_cast<int>(*limit);
    }
    if (auto it = target.query.find("offset"); it != target.query.end()) {
        auto offset = parse_whole_number(it->second, 0, 1'000'000'000);
        if (!offset) {
            co_return error_response(400, "bad_request",
                                     fmt::format("offset '{}' is not a whole number >= 0", it->second));
        }
        filter.offset = static_cast<int>(*offset);
    }
    auto rows = co_await service_.histories(filter);
    if (!rows) co_return database_unavailable(rows.error());
    Json list = Json::array();
    for (const auto& h : *rows)
        list.push_back(history_json(h));
    co_return json_response(200,
                            Json{{"histories", std::move(list)}, {"limit", filter.limit}, {"offset", filter.offset}});
}

asio::awaitable<HttpResponse> ApiRouter::cancel_batch(const RequestTarget& target, std::string_view batch_text,
                                                      const std::string& body) {
    const auto batch_no = parse_whole_number(batch_text, 1, service_.slots());
    if (!batch_no) {
        co_return error_response(
            400, "bad_request",
            fmt::format("batch_no '{}' is not a PLC slot number 1..{}", batch_text, service_.slots()));
    }
    if (auto extra = unknown_param(target.query, {"notes", "cancel_in_odoo"})) {
        co_return error_response(400, "bad_request",
                                 fmt::format("unknown parameter '{}'; use notes, cancel_in_odoo", *extra));
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
    auto done = co_await service_.manual_cancel(slot, notes, cancel_in_odoo);
    if (!done) {
        const Error& e = done.error();
        if (e.code == store::Errc::not_found) co_return error_response(404, "unknown_batch", e.message());
        if (e.code == store::Errc::conflict) co_return error_response(409, "conflict", e.message());
        co_return database_unavailable(e);
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

asio::awaitable<HttpResponse> ApiRouter::trigger_plc_sync() {
    auto outcome = co_await service_.trigger_plc_sync();
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

HttpResponse ApiRouter::toggle_scheduler(const std::string& body) {
    auto object = body_object(body);
    if (!object) return error_response(400, "bad_request", object.error().detail);
    if (auto extra = unknown_key(*object, {"enabled", "task"})) {
        return error_response(400, "bad_request", fmt::format("unknown field '{}'; use enabled and task", *extra));
    }
    if (!object->contains("enabled") || !(*object)["enabled"].is_boolean()) {
        return error_response(400, "bad_request", "the body needs {\"enabled\": true|false} (and optionally \"task\")");
    }
    const bool enabled = (*object)["enabled"].get<bool>();
    service::Scheduler& scheduler = service_.scheduler();
    if (object->contains("task")) {
        const Json& task = (*object)["task"];
        if (!task.is_string() || !scheduler.set_task_enabled(task.get<std::string>(), enabled)) {
            std::string names;
            for (const auto& s : scheduler.status())
                names += (names.empty() ? "" : ", ") + s.name;
            return error_response(400, "bad_request", fmt::format("task must be one of: {}", names));
        }
    } else {
        scheduler.set_enabled(enabled);
    }
    return json_response(200, scheduler_json(scheduler.enabled(), scheduler.status()));
}

}  // namespace plcbridge::api
