// ApiRouter: the operator console's routes (docs/CONSOLE.md): its files, sign-in, the live event
// stream, the audit trail, reports, job retry and acknowledgements.
#include <map>

#include <fmt/format.h>

#include "plcbridge/api/console_assets.hpp"
#include "plcbridge/api/console_view.hpp"
#include "plcbridge/api/responses.hpp"
#include "plcbridge/api/router.hpp"
#include "plcbridge/auth/cookies.hpp"
#include "plcbridge/auth/password_hash.hpp"
#include "plcbridge/batch/log_messages.hpp"
#include "plcbridge/store/errc.hpp"
#include "plcbridge/store/time_text.hpp"

namespace plcbridge::api {

namespace asio = boost::asio;

namespace {

constexpr std::size_t kMaxUsernameBytes = 64;
constexpr int kMaxReportDays = 366;
constexpr int kLatestAutoCancels = 10;

Json session_json(const auth::Session& s) {
    return {{"signed_in", true},
            {"username", s.username},
            {"role", std::string(auth::role_name(s.role))},
            {"csrf", s.csrf}};
}

Json audit_json(const store::AuditEntry& e) {
    return {{"id", e.id},          {"at", store::to_db_time(e.at)},
            {"actor", e.actor},    {"action", e.action},
            {"target", e.target},  {"reason", e.reason},
            {"outcome", e.outcome}};
}

}  // namespace

std::optional<HttpResponse> console_file(std::string_view path) {
    std::string_view name;
    if (path == "/") {
        name = "index.html";
    } else if (path.starts_with("/console/")) {
        name = path.substr(std::string_view("/console/").size());
    } else {
        return std::nullopt;
    }
    const ConsoleAsset* asset = find_console_asset(name);
    if (asset == nullptr) return std::nullopt;
    HttpResponse file{200, std::string(asset->content_type), std::string(asset->body), {}};
    // The page may run only its own files: no inline script, nothing from elsewhere.
    file.headers.emplace_back("Content-Security-Policy",
                              "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                              "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
    file.headers.emplace_back("X-Content-Type-Options", "nosniff");
    file.headers.emplace_back("Referrer-Policy", "no-referrer");
    return file;
}

store::AuditEntry audit_entry(const Caller& caller, std::string action, std::string target, std::string reason,
                              std::string outcome) {
    return store::AuditEntry{0,
                             std::chrono::system_clock::now(),
                             caller.name.empty() ? std::string("anonymous") : caller.name,
                             std::move(action),
                             std::move(target),
                             std::move(reason),
                             std::move(outcome)};
}

asio::awaitable<void> ApiRouter::record(store::AuditEntry entry) {
    // The entry is built before the co_await by the caller: GCC 12 destroys temporaries in a
    // co_await expression twice. A failing database is on /api/health already.
    (void)co_await service_.audit(std::move(entry));
}

asio::awaitable<HttpResponse> ApiRouter::session(const HttpRequest& request, const Caller& caller) {
    const std::string& method = request.method;
    if (method != "GET" && method != "DELETE") co_return method_not_allowed("GET, POST, DELETE");
    // Signed out is an answer, not an error: the page asks on every load.
    if (caller.via != Caller::Via::session) co_return json_response(200, Json{{"signed_in", false}});
    if (method == "GET") {
        auth::Session s{caller.session_id, caller.csrf, caller.name, caller.role, {}, {}, {}};
        co_return json_response(200, session_json(s));
    }
    if (auto refused = refusal_for(caller, Need::viewer, true, request.csrf_token)) {
        co_return error_response(refused->status, refused->code, refused->message);
    }
    auth_.sessions().close(caller.session_id);
    {
        auto audit = audit_entry(caller, "logout", "", "", "ok");
        co_await record(std::move(audit));
    }
    HttpResponse out = json_response(200, Json{{"signed_in", false}});
    out.headers.emplace_back("Set-Cookie", auth::cleared_session_cookie(false));
    co_return out;
}

asio::awaitable<HttpResponse> ApiRouter::sign_in(const HttpRequest& request) {
    // JSON only: a foreign page's form can post text/plain or form data without asking, but not
    // JSON, so nobody can sign a console in to an account of their choosing (login CSRF).
    if (!request.content_type.starts_with("application/json")) {
        co_return error_response(415, "unsupported_media_type",
                                 "sign in with Content-Type: application/json and {\"username\", \"password\"}");
    }
    auto object = body_object(request.body);
    if (!object) co_return error_response(400, "bad_request", object.error().detail);
    if (auto extra = unknown_key(*object, {"username", "password"})) {
        co_return error_response(400, "bad_request", fmt::format("unknown field '{}'; use username, password", *extra));
    }
    const Json& user = (*object)["username"];
    const Json& pass = (*object)["password"];
    if (!user.is_string() || !pass.is_string() || user.get<std::string>().empty())
        co_return error_response(400, "bad_request", "the body needs {\"username\": \"...\", \"password\": \"...\"}");
    const std::string username = user.get<std::string>();
    if (username.size() > kMaxUsernameBytes || pass.get<std::string>().size() > auth::kMaxPasswordLength)
        co_return error_response(400, "bad_request", "the username or the password is too long");

    const auto now = std::chrono::steady_clock::now();
    const Caller who{Caller::Via::nobody, username, auth::Role::viewer, {}, {}, {}};
    const std::string user_key = "user:" + username;
    const std::string address_key = "address:" + request.client;
    auth::LoginThrottle& throttle = auth_.throttle();
    auto locked = throttle.locked_for(user_key, now);
    if (auto by_address = throttle.locked_for(address_key, now); by_address && (!locked || *by_address > *locked))
        locked = by_address;
    if (locked) {
        {
            auto audit = audit_entry(who, "login", "", "", fmt::format("refused: throttled for {} s", locked->count()));
            co_await record(std::move(audit));
        }
        HttpResponse r = error_response(
            429, "too_many_attempts",
            fmt::format("too many failed sign-ins: wait {} s, then try again (an admin can reset the password with "
                        "`plcbridge user passwd`)",
                        locked->count()));
        r.headers.emplace_back("Retry-After", std::to_string(locked->count()));
        co_return r;
    }
    std::string password = pass.get<std::string>();
    auto account = co_await service_.sign_in(username, std::move(password));
    if (!account) co_return database_unavailable(account.error());
    if (!*account) {
        throttle.record_failure(user_key, now);
        throttle.record_failure(address_key, now);
        {
            auto audit = audit_entry(who, "login", "", "", "refused: unknown account, disabled, or wrong password");
            co_await record(std::move(audit));
        }
        co_return error_response(401, "sign_in_failed",
                                 "the username or the password is wrong, or the account is disabled");
    }
    throttle.record_success(user_key);
    const auto role = auth::parse_role((*account)->role).value_or(auth::Role::viewer);
    const auth::Session s = auth_.sessions().open(username, role, now, (*account)->password_hash);
    {
        auto audit = audit_entry(Caller{Caller::Via::session, username, role, s.id, s.csrf, s.credential}, "login", "",
                                 "", "ok");
        co_await record(std::move(audit));
    }
    HttpResponse out = json_response(200, session_json(s));
    out.headers.emplace_back("Set-Cookie", auth::session_cookie(s.id, false));
    co_return out;
}

asio::awaitable<HttpResponse> ApiRouter::audit_list(const RequestTarget& target) {
    if (auto extra = unknown_param(target.query, {"actor", "action", "limit", "offset"})) {
        co_return error_response(400, "bad_request",
                                 fmt::format("unknown parameter '{}'; use actor, action, limit, offset", *extra));
    }
    auto page = page_of(target);
    if (auto* bad = std::get_if<HttpResponse>(&page)) co_return *bad;
    store::AuditFilter filter;
    filter.limit = std::get<Page>(page).limit;
    filter.offset = std::get<Page>(page).offset;
    if (auto it = target.query.find("actor"); it != target.query.end() && !it->second.empty())
        filter.actor = it->second;
    if (auto it = target.query.find("action"); it != target.query.end() && !it->second.empty())
        filter.action = it->second;
    auto rows = co_await service_.audit_entries(filter);
    if (!rows) co_return database_unavailable(rows.error());
    Json list = Json::array();
    for (const auto& e : *rows)
        list.push_back(audit_json(e));
    co_return json_response(200,
                            Json{{"entries", std::move(list)}, {"limit", filter.limit}, {"offset", filter.offset}});
}

asio::awaitable<HttpResponse> ApiRouter::equipment_failures(const LineChoice& on, const RequestTarget& target) {
    if (auto extra = unknown_param(target.query, {"limit", "line"})) {
        co_return error_response(400, "bad_request", fmt::format("unknown parameter '{}'; use limit, line", *extra));
    }
    auto page = page_of(target);
    if (auto* bad = std::get_if<HttpResponse>(&page)) co_return *bad;
    const int limit = std::get<Page>(page).limit;
    // Each line's newest, then the newest of them all (all lines: each line's own store answers).
    std::vector<std::pair<int, store::StoredEquipmentFailure>> all;
    for (const ServedLine& line : lines_) {
        if (!on.all && &line != on.line) continue;
        auto rows = co_await line.service->equipment_failures(limit);
        if (!rows) co_return database_unavailable(rows.error());
        for (auto& f : *rows)
            all.emplace_back(line.id, std::move(f));
    }
    std::stable_sort(all.begin(), all.end(), [](const auto& a, const auto& b) {
        return a.second.failure.occurred_at > b.second.failure.occurred_at;
    });
    if (static_cast<int>(all.size()) > limit) all.resize(static_cast<std::size_t>(limit));
    Json list = Json::array();
    for (const auto& [line, f] : all) {
        list.push_back({{"id", f.id},
                        {"line", line},
                        {"equipment", f.failure.equipment_code},
                        {"info", f.failure.info},
                        {"occurred_at", store::to_db_time(f.failure.occurred_at)},
                        {"detected_at", store::to_db_time(f.detected_at)}});
    }
    co_return json_response(200, Json{{"failures", std::move(list)}});
}

asio::awaitable<HttpResponse> ApiRouter::cancellation_report(const LineChoice& on, const RequestTarget& target) {
    if (auto extra = unknown_param(target.query, {"days", "line"})) {
        co_return error_response(400, "bad_request", fmt::format("unknown parameter '{}'; use days, line", *extra));
    }
    int days = 14;
    if (auto it = target.query.find("days"); it != target.query.end()) {
        auto parsed = parse_whole_number(it->second, 1, kMaxReportDays);
        if (!parsed) {
            co_return error_response(
                400, "bad_request",
                fmt::format("days '{}' is not a whole number in 1..{}", it->second, kMaxReportDays));
        }
        days = static_cast<int>(*parsed);
    }
    // The seed's monitoring queries: cancellations per day (UTC days) and the latest auto-cancels.
    const auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
    store::HistoryFilter filter;
    filter.status = "cancelled";
    filter.from = today - std::chrono::days(days - 1);
    filter.limit = kMaxPage;
    filter.all_lines = on.all;
    auto rows = co_await on.line->service->histories(filter);
    if (!rows) co_return database_unavailable(rows.error());
    std::map<std::string, std::pair<int, int>> per_day;  // day -> (automatic, manual)
    for (int d = 0; d < days; ++d)
        per_day[store::to_db_time(*filter.from + std::chrono::days(d)).substr(0, 10)] = {0, 0};
    Json latest = Json::array();
    for (const auto& h : *rows) {
        const bool automatic = h.notes == batch::kAutoCancelNote;
        auto& day = per_day[store::to_db_time(h.created_at).substr(0, 10)];
        (automatic ? day.first : day.second) += 1;
        if (automatic && static_cast<int>(latest.size()) < kLatestAutoCancels) latest.push_back(history_json(h));
    }
    Json by_day = Json::array();
    for (const auto& [day, counts] : per_day)
        by_day.push_back({{"day", day}, {"automatic", counts.first}, {"manual", counts.second}});
    co_return json_response(200, Json{{"days", std::move(by_day)},
                                      {"latest_auto_cancels", std::move(latest)},
                                      {"complete", static_cast<int>(rows->size()) < kMaxPage}});
}

asio::awaitable<HttpResponse> ApiRouter::retry_job(const LineChoice& on, const Caller& caller,
                                                   std::string_view job_text) {
    const auto job_id = parse_whole_number(job_text, 1, std::numeric_limits<std::int64_t>::max());
    if (!job_id) co_return error_response(400, "bad_request", fmt::format("job id '{}' is not a number", job_text));
    auto retried = co_await on.line->service->retry_job(*job_id);
    const std::string what = fmt::format("{}job {}", audit_target_prefix(on), *job_id);
    if (!retried) {
        const Error& e = retried.error();
        {
            auto audit = audit_entry(caller, "job_retry", what, "", e.message());
            co_await record(std::move(audit));
        }
        if (e.code == store::Errc::not_found) co_return error_response(404, "unknown_job", e.message());
        if (e.code == store::Errc::conflict) co_return error_response(409, "conflict", e.message());
        co_return database_unavailable(e);
    }
    {
        auto audit = audit_entry(caller, "job_retry",
                                 fmt::format("{}job {} ({} of {})", audit_target_prefix(on), retried->id,
                                             store::job_kind_name(retried->kind), retried->mo_id),
                                 "", "ok");
        co_await record(std::move(audit));
    }
    co_return json_response(200, Json{{"job_id", retried->id}, {"state", "pending"}, {"mo_id", retried->mo_id}});
}

asio::awaitable<HttpResponse> ApiRouter::acknowledge_failure(const Caller& caller, std::string_view id_text,
                                                             const std::string& body) {
    const auto id = parse_whole_number(id_text, 1, std::numeric_limits<std::int64_t>::max());
    if (!id) co_return error_response(400, "bad_request", fmt::format("failure id '{}' is not a number", id_text));
    auto object = body_object(body);
    if (!object) co_return error_response(400, "bad_request", object.error().detail);
    if (auto extra = unknown_key(*object, {"notes"}))
        co_return error_response(400, "bad_request", fmt::format("unknown field '{}'; use notes", *extra));
    std::string notes;
    if (object->contains("notes")) {
        if (!(*object)["notes"].is_string()) co_return error_response(400, "bad_request", "notes must be a string");
        notes = (*object)["notes"].get<std::string>();
    }
    // The acknowledgement is its audit row: the console hides failures with an "ok" one.
    store::AuditEntry entry{
        0, std::chrono::system_clock::now(), caller.name, "acknowledge", equipment_failure_target(*id), notes, "ok"};
    auto stored = co_await service_.audit(std::move(entry));
    if (!stored) co_return database_unavailable(stored.error());
    co_return json_response(200, Json{{"acknowledged", equipment_failure_target(*id)}});
}

asio::awaitable<async::ChangeFeed::Reading> read_console_state(service::ServiceApi& service) {
    auto inputs = co_await service.console_inputs();
    if (!inputs) co_return async::ChangeFeed::Reading{std::nullopt, inputs.error().message()};
    const Json state = console_state_json(*inputs, service.health(), service.stale_after(), service.slots());
    co_return async::ChangeFeed::Reading{state.dump(-1, ' ', false, Json::error_handler_t::replace), ""};
}

asio::awaitable<std::string> ApiRouter::next_event(std::uint64_t& seen, std::size_t line) {
    const ServedLine& on = lines_.at(line);
    const async::FeedSnapshot snapshot = co_await on.feed->wait(seen, kEventRefresh);
    seen = snapshot.version;
    // The state as text (already JSON), health fresh on every event: one data line per event.
    std::string data =
        fmt::format(R"({{"version":{},"state":{},"state_error":{},"health":{}}})", snapshot.version,
                    snapshot.text.empty() ? std::string("null") : snapshot.text,
                    Json(snapshot.error).dump(-1, ' ', false, Json::error_handler_t::replace),
                    health_of(LineChoice{&on, false}).dump(-1, ' ', false, Json::error_handler_t::replace));
    co_return fmt::format("id: {}\nevent: state\ndata: {}\n\n", snapshot.version, data);
}

}  // namespace plcbridge::api
