#pragma once
/// The HTTP API of docs/CONTRACT.md "HTTP API": health, batches, histories, the manual cancel, a
/// manual read cycle, the scheduler; and the operator console of docs/CONSOLE.md: the page and its
/// files at /, sign-in (/api/session), the live feed (/api/events), the audit trail, reports, job
/// retry and acknowledgements. Who may do what is console_auth's: the bearer token of [api] token
/// for machines (as before), a session cookie with a role for people. Every error is a JSON body
/// {"error": code, "message": what to do}. Every state-changing request is written to the audit
/// trail with its outcome.

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <variant>
#include <vector>

#include <boost/asio/awaitable.hpp>
#include <nlohmann/json.hpp>

#include "plcbridge/api/console_auth.hpp"
#include "plcbridge/api/http_message.hpp"
#include "plcbridge/api/request_target.hpp"
#include "plcbridge/async/change_feed.hpp"
#include "plcbridge/service/service_api.hpp"

namespace plcbridge::api {

/// One production line the API serves (docs/LINES.md): its service and the console's feed of it.
struct ServedLine {
    int id = 1;
    std::string name;
    service::ServiceApi* service = nullptr;
    async::ChangeFeed* feed = nullptr;  ///< null: no event stream for it (503)
};

/// The line a request is about: `?line=N`, else the first; `all` when it named none and the
/// deployment has several (lists then show every line's rows).
struct LineChoice {
    const ServedLine* line = nullptr;
    bool all = false;
};

class ApiRouter {
  public:
    /// How often an idle event stream gets a fresh snapshot (health's "last contact" times move).
    static constexpr std::chrono::seconds kEventRefresh{5};

    /// `feed` carries the console's state (console_view) to /api/events; null: no event stream (503).
    ApiRouter(service::ServiceApi& service, std::string token, async::ChangeFeed* feed = nullptr,
              std::function<std::string()> make_token = nullptr);
    /// Several lines (at least one), in order; accounts and audit go through the first's service.
    ApiRouter(std::vector<ServedLine> lines, std::string token, std::function<std::string()> make_token = nullptr);

    boost::asio::awaitable<HttpResponse> handle(HttpRequest request);

    /// For an event_stream response: the next event's text ("event: state\ndata: ...\n\n"), at the
    /// latest kEventRefresh after the previous one. `seen` is the stream's last feed version.
    /// `line` is the response's stream_line.
    boost::asio::awaitable<std::string> next_event(std::uint64_t& seen, std::size_t line = 0);

  private:
    /// Resolves `?line=`; an error response for a line this deployment does not serve.
    [[nodiscard]] std::variant<LineChoice, HttpResponse> choose_line(const RequestTarget& target) const;
    [[nodiscard]] nlohmann::json health_of(const LineChoice& on) const;
    [[nodiscard]] std::string metrics_of(const LineChoice& on) const;
    /// "line 2 " in a deployment of several (audit targets say which line), "" otherwise.
    [[nodiscard]] std::string audit_target_prefix(const LineChoice& on) const;
    boost::asio::awaitable<HttpResponse> batches(const LineChoice& on);
    boost::asio::awaitable<HttpResponse> histories(const LineChoice& on, const RequestTarget& target, bool csv);
    boost::asio::awaitable<HttpResponse> cancel_batch(const LineChoice& on, const Caller& caller,
                                                      const RequestTarget& target, std::string_view batch_text,
                                                      const std::string& body);
    boost::asio::awaitable<HttpResponse> trigger_plc_sync(const LineChoice& on, const Caller& caller);
    boost::asio::awaitable<HttpResponse> toggle_scheduler(const LineChoice& on, const Caller& caller,
                                                          const std::string& body);

    // The console's routes (router_console.cpp).
    boost::asio::awaitable<HttpResponse> session(const HttpRequest& request, const Caller& caller);
    boost::asio::awaitable<HttpResponse> sign_in(const HttpRequest& request);
    boost::asio::awaitable<HttpResponse> audit_list(const RequestTarget& target);
    boost::asio::awaitable<HttpResponse> equipment_failures(const LineChoice& on, const RequestTarget& target);
    boost::asio::awaitable<HttpResponse> cancellation_report(const LineChoice& on, const RequestTarget& target);
    boost::asio::awaitable<HttpResponse> retry_job(const LineChoice& on, const Caller& caller,
                                                   std::string_view job_text);
    boost::asio::awaitable<HttpResponse> acknowledge_failure(const Caller& caller, std::string_view id_text,
                                                             const std::string& body);
    /// Appends to the audit trail (built with audit_entry); a failed append shows on /api/health
    /// (the action itself already happened or failed on its own).
    boost::asio::awaitable<void> record(store::AuditEntry entry);

    std::vector<ServedLine> lines_;
    service::ServiceApi& service_;  ///< the first line's: accounts and the audit trail are the deployment's
    ConsoleAuth auth_;
};

/// One audit row for what `caller` did, stamped now; "anonymous" for a caller without a name.
[[nodiscard]] store::AuditEntry audit_entry(const Caller& caller, std::string action, std::string target,
                                            std::string reason, std::string outcome);

/// The console's state as the change feed publishes it (console_view over the service's console
/// inputs); the composition root makes it the feed's source.
[[nodiscard]] boost::asio::awaitable<async::ChangeFeed::Reading> read_console_state(service::ServiceApi& service);

/// The console's static files: GET / is index.html, GET /console/<file> the others; nullopt for
/// any other path.
[[nodiscard]] std::optional<HttpResponse> console_file(std::string_view path);

}  // namespace plcbridge::api
