#include "plcbridge/odoo/odoo_client.hpp"

#include "plcbridge/odoo/tls_context.hpp"

#include <cctype>
#include <chrono>

#include <fmt/format.h>

#include "plcbridge/odoo/errc.hpp"
#include "plcbridge/odoo/outcome.hpp"

namespace plcbridge::odoo {

namespace asio = boost::asio;

namespace {

bool is_json(const std::string& content_type) {
    return content_type.starts_with("application/json");
}

/// Non-200 answers and non-JSON bodies, classified (docs/ODOO.md "The JSON-RPC envelope and the HTTP statuses").
Error http_error(const std::string& where, const HttpResponse& r) {
    const std::string what =
        fmt::format("{} answered HTTP {}{}", where, r.status,
                    is_json(r.content_type)
                        ? ""
                        : " with " + (r.content_type.empty() ? std::string("no content type") : r.content_type));
    if (r.status >= 500) return make_error(Errc::transient, what + " (Odoo or its proxy is down or overloaded)");
    if (r.status == 404)
        return make_error(Errc::protocol, what + " (endpoint not deployed: is grt_scada installed and current?)");
    if (r.status == 200) return make_error(Errc::transient, what + " instead of JSON (a proxy or login page?)");
    return make_error(Errc::protocol, what + " (a client or deployment problem)");
}

std::string kg_text(const Decimal& d) {
    return d.rescaled(100).value_or(d).to_string();
}

}  // namespace

Result<std::unique_ptr<OdooClient>> OdooClient::create(asio::any_io_executor executor, OdooOptions options) {
    auto target = parse_http_url(options.url);
    if (!target) return std::move(target).error();
    std::shared_ptr<asio::ssl::context> tls;
    if (target->tls) {
        auto context = make_tls_context(options.tls);
        if (!context) return std::move(context).error();
        tls = std::move(*context);
    }
    return std::unique_ptr<OdooClient>(
        new OdooClient(executor, std::move(options), std::move(*target), std::move(tls)));
}

OdooClient::OdooClient(asio::any_io_executor executor, OdooOptions options, HttpTarget target,
                       std::shared_ptr<asio::ssl::context> tls)
    : options_(std::move(options)),
      http_(executor, std::move(target), std::move(tls), options_.tls.verify, options_.timeout,
            options_.max_response_bytes) {}

asio::awaitable<Result<Envelope>> OdooClient::exchange(std::string path, Json params, bool with_session, bool get) {
    // One connection, one exchange at a time: a second caller would interleave on the stream and
    // both would hang. Each task gets its own client; this turns a wiring mistake into an error.
    if (exchange_in_flight_) {
        co_return make_error(Errc::protocol, fmt::format("{}{}: this Odoo client is already busy with another call "
                                                         "(a wiring bug: give each task its own client)",
                                                         describe(), path));
    }
    exchange_in_flight_ = true;
    struct InFlight {
        bool& flag;
        ~InFlight() { flag = false; }
    } in_flight{exchange_in_flight_};
    ++stats_.calls;
    // Arguments are named, not temporaries: GCC 12 destroys some temporaries of a co_await
    // expression twice (ASan caught a double free of the session optional here).
    std::optional<std::string> session;
    if (with_session) session = session_id_;
    std::string request = make_request(next_id_++, params);
    auto response = co_await http_.post_json(path, std::move(request), std::move(session), get);
    if (!response) co_return std::move(response).error();
    // Odoo rotates the id on login and may issue a new one on any answer: keep the latest.
    if (response->session_id) session_id_ = response->session_id;
    const std::string where = describe() + path;
    if (response->status != 200 && !(response->status == 404 && is_json(response->content_type))) {
        co_return http_error(where, *response);
    }
    if (!is_json(response->content_type)) co_return http_error(where, *response);
    auto envelope = parse_envelope(response->body);
    if (!envelope) {
        Error e = std::move(envelope).error();
        e.detail = where + ": " + e.detail;
        co_return e;
    }
    if (envelope->error && envelope->error->code == 404) {
        co_return make_error(Errc::protocol,
                             where + ": 404 Not Found (endpoint not deployed: is grt_scada installed?)");
    }
    co_return std::move(*envelope);
}

asio::awaitable<Result<void>> OdooClient::login() {
    ++stats_.logins;
    session_id_.reset();  // no cookie on the login call
    Json params = {{"db", options_.database}, {"login", options_.login}, {"password", options_.password}};
    auto envelope = co_await exchange("/web/session/authenticate", std::move(params), false);
    if (!envelope) co_return std::move(envelope).error();
    if (envelope->error) {
        const RpcError& e = *envelope->error;
        co_return make_error(Errc::auth_failed,
                             fmt::format("login of '{}' to database '{}' at {}: {}", options_.login, options_.database,
                                         describe(), e.data_message.empty() ? e.message : e.data_message));
    }
    if (!envelope->result || !envelope->result->is_object() || !(*envelope->result).contains("uid") ||
        !(*envelope->result)["uid"].is_number_integer()) {
        co_return make_error(Errc::auth_failed,
                             fmt::format("login of '{}' at {}: no uid in the answer", options_.login, describe()));
    }
    if (!session_id_) {
        co_return make_error(Errc::auth_failed, fmt::format("login at {} set no session_id cookie", describe()));
    }
    co_return Result<void>{};
}

asio::awaitable<Result<Json>> OdooClient::call(std::string path, Json params, bool get) {
    if (leadership_ != nullptr && !leadership_->leading()) {
        // Not an answer from Odoo: neither the link's health nor the metrics hear of it.
        co_return make_error(Errc::transient, fmt::format("{}: this instance does not lead the line (a standby, or "
                                                          "its lease ran out); nothing was sent to Odoo",
                                                          path));
    }
    const auto started = std::chrono::steady_clock::now();
    const std::string endpoint = path;
    auto result = co_await call_with_session(std::move(path), std::move(params), get);
    if (metrics_ != nullptr) {
        metrics_->odoo_calls.add({endpoint, result ? "ok" : std::string(outcome_label(result.error()))});
        metrics_->odoo_call_seconds.observe({endpoint}, std::chrono::steady_clock::now() - started);
    }
    const auto now = std::chrono::system_clock::now();
    if (result || odoo_answered(result.error()))
        link_.answered(now);
    else
        link_.failed(now, result.error().message());
    co_return result;
}

asio::awaitable<Result<Json>> OdooClient::call_with_session(std::string path, Json params, bool get) {
    if (!session_id_) {
        if (auto logged_in = co_await login(); !logged_in) co_return std::move(logged_in).error();
    }
    for (int attempt = 0;; ++attempt) {
        auto envelope = co_await exchange(path, params, true, get);
        if (!envelope) co_return std::move(envelope).error();
        if (envelope->error && envelope->error->code == 100) {
            if (attempt > 0) {
                co_return make_error(Errc::transient, fmt::format("{}{}: session expired again right after logging in",
                                                                  describe(), path));
            }
            ++stats_.relogins;
            if (auto logged_in = co_await login(); !logged_in) co_return std::move(logged_in).error();
            continue;  // replay once: code 100 proves the handler did not run
        }
        if (envelope->error) {
            const RpcError& e = *envelope->error;
            co_return make_error(Errc::server_error,
                                 fmt::format("{}{}: Odoo server error {} {}: {}", describe(), path, e.code, e.name,
                                             e.data_message.empty() ? e.message : e.data_message));
        }
        if (!envelope->result) co_return Json(nullptr);
        co_return std::move(*envelope->result);
    }
}

asio::awaitable<Result<std::string>> OdooClient::version() {
    // GET-only on Odoo's side (docs/ODOO.md "The routes the tasks call"), with a JSON body all the same.
    auto result = co_await call("/api/scada/version", Json::object(), true);
    if (!result) co_return std::move(result).error();
    auto ok = business_result(*result);
    if (!ok) co_return std::move(ok).error();
    co_return result->value("version", std::string("unknown"));
}

asio::awaitable<Result<std::vector<Mo>>> OdooClient::list_mos(std::vector<std::string> states, int limit, int offset) {
    // GCC 12 miscompiles brace-init lists inside co_await expressions: build arguments first.
    Json params = {{"states", states}, {"limit", limit}, {"offset", offset}};
    auto result = co_await call("/api/scada/mo-list-detailed", std::move(params));
    if (!result) co_return std::move(result).error();
    co_return mos_from_result(*result);
}

asio::awaitable<Result<Mo>> OdooClient::mo_detail(const std::string& mo_id) {
    Json params = {{"mo_id", mo_id}};
    auto result = co_await call("/api/scada/mo-detail", std::move(params));
    if (!result) co_return std::move(result).error();
    auto ok = business_result(*result);
    if (!ok) co_return std::move(ok).error();
    if (!result->contains("data")) co_return make_error(Errc::transient, "mo-detail answered without data");
    co_return mo_from_json((*result)["data"]);
}

asio::awaitable<Result<Bom>> OdooClient::bom(std::int64_t bom_id) {
    Json params = {{"bom_id", bom_id}};
    auto result = co_await call("/api/scada/boms", std::move(params));
    if (!result) co_return std::move(result).error();
    auto boms = boms_from_result(*result);
    if (!boms) co_return std::move(boms).error();
    for (Bom& b : *boms)
        if (b.bom_id == bom_id) co_return std::move(b);
    co_return make_error(Errc::not_found, fmt::format("BoM {} not found in Odoo (unknown or archived)", bom_id));
}

asio::awaitable<Result<UpdateResult>> OdooClient::update_consumptions(
    const std::string& mo_id, std::optional<Decimal> finished_qty,
    const std::vector<std::pair<std::string, Decimal>>& consumption) {
    // Every key besides mo_id and the finished quantity is an equipment code (docs/ODOO.md "The routes the tasks
    // call").
    Json params = {{"mo_id", mo_id}};
    if (finished_qty) params["quantity"] = std::stod(kg_text(*finished_qty));
    for (const auto& [code, amount] : consumption)
        params[code] = std::stod(kg_text(amount));
    auto result = co_await call("/api/scada/mo/update-with-consumptions", params);
    if (!result) co_return std::move(result).error();
    co_return update_from_result(*result);
}

asio::awaitable<Result<MarkDoneResult>> OdooClient::mark_done(const std::string& mo_id, Decimal finished_qty) {
    Json params = {{"mo_id", mo_id}, {"finished_qty", std::stod(kg_text(finished_qty))}};
    auto result = co_await call("/api/scada/mo/mark-done", std::move(params));
    if (!result) co_return std::move(result).error();
    auto ok = business_result(*result);
    if (!ok) co_return std::move(ok).error();
    auto detail = co_await mo_detail(mo_id);  // "success" may have stopped at a wizard
    if (!detail) co_return std::move(detail).error();
    co_return MarkDoneResult{detail->state};
}

asio::awaitable<Result<CancelResult>> OdooClient::cancel(const std::string& mo_id) {
    Json params = {{"mo_id", mo_id}};
    auto result = co_await call("/api/scada/mo/cancel", std::move(params));
    if (!result) co_return std::move(result).error();
    co_return cancel_from_result(*result);
}

asio::awaitable<Result<std::optional<std::int64_t>>> OdooClient::find_equipment_failure(
    const std::string& equipment_code, const std::string& description, const std::string& date) {
    // A GET route of type json: filters in the query string, a JSON body all the same.
    std::string path = "/api/scada/equipment-failure?limit=100&equipment_code=";
    for (const char c : equipment_code) {
        const auto byte = static_cast<unsigned char>(c);
        const bool plain = std::isalnum(byte) != 0 || c == '-' || c == '_' || c == '.';
        path += plain ? std::string(1, c) : fmt::format("%{:02X}", byte);
    }
    auto result = co_await call(path, Json::object(), true);
    if (!result) co_return std::move(result).error();
    auto ok = business_result(*result);
    if (!ok) co_return std::move(ok).error();
    co_return find_failure_record(*result, equipment_code, description, date);
}

asio::awaitable<Result<std::int64_t>> OdooClient::report_equipment_failure(const std::string& equipment_code,
                                                                           const std::string& description,
                                                                           const std::string& date) {
    Json params = {{"equipment_code", equipment_code}, {"description", description}, {"date", date}};
    auto result = co_await call("/api/scada/equipment-failure", std::move(params));
    if (!result) co_return std::move(result).error();
    auto ok = business_result(*result);
    if (!ok) co_return std::move(ok).error();
    const Json& data = result->value("data", Json::object());
    co_return data.value("id", std::int64_t{0});
}

}  // namespace plcbridge::odoo
