#pragma once
/// The grt_scada client (docs/ODOO.md), for ONE caller at a time (one connection): logs in once with
/// /web/session/authenticate and reuses the session_id cookie; on JSON-RPC error 100 it logs in again once and replays
/// (safe: code 100 proves the handler did not run); every answer becomes a typed outcome (errc.hpp). The password and
/// the cookie value never appear in a message.

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include "plcbridge/core/leadership.hpp"
#include "plcbridge/core/link_status.hpp"
#include "plcbridge/core/plant_metrics.hpp"
#include "plcbridge/core/result.hpp"
#include "plcbridge/odoo/http_client.hpp"
#include "plcbridge/odoo/json_rpc.hpp"
#include "plcbridge/odoo/mo.hpp"
#include "plcbridge/odoo/tls_context.hpp"

namespace plcbridge::odoo {

struct OdooOptions {
    std::string url = "http://127.0.0.1:8069";
    std::string database = "odoo14";
    std::string login = "admin";
    std::string password;
    std::chrono::milliseconds timeout{30000};
    std::size_t max_response_bytes = 16 * 1024 * 1024;
    TlsSettings tls{};  ///< for https:// URLs
};

/// Counters for health and tests.
struct OdooStats {
    std::uint64_t calls = 0;
    std::uint64_t logins = 0;
    std::uint64_t relogins = 0;  ///< after a session expired
};

class OdooClient {
  public:
    /// Errc::protocol for an unusable [odoo] url.
    [[nodiscard]] static Result<std::unique_ptr<OdooClient>> create(boost::asio::any_io_executor executor,
                                                                    OdooOptions options);

    boost::asio::awaitable<Result<void>> login();
    /// grt_scada module version (/api/scada/version).
    boost::asio::awaitable<Result<std::string>> version();
    /// MOs with components in `states` (always sent explicitly: the default is only "confirmed").
    boost::asio::awaitable<Result<std::vector<Mo>>> list_mos(std::vector<std::string> states, int limit, int offset);
    boost::asio::awaitable<Result<Mo>> mo_detail(const std::string& mo_id);
    /// The BoM with this id (POST /api/scada/boms); not_found when Odoo lists none (unknown or archived).
    boost::asio::awaitable<Result<Bom>> bom(std::int64_t bom_id);
    /// Replace semantics: the same call twice gives the same quantities (safe to retry).
    boost::asio::awaitable<Result<UpdateResult>> update_consumptions(
        const std::string& mo_id, std::optional<Decimal> finished_qty,
        const std::vector<std::pair<std::string, Decimal>>& consumption);
    /// Marks done, then reads the state back: Odoo can answer success and leave the MO open.
    boost::asio::awaitable<Result<MarkDoneResult>> mark_done(const std::string& mo_id, Decimal finished_qty);
    /// Success or "already cancelled" (idempotent); refused for done MOs; not_found for unknown ones.
    boost::asio::awaitable<Result<CancelResult>> cancel(const std::string& mo_id);
    /// The id of the failure report Odoo holds for exactly this event (GET /api/scada/equipment-failure,
    /// newest first), or nullopt: asked before a report is sent again after a lost answer.
    boost::asio::awaitable<Result<std::optional<std::int64_t>>> find_equipment_failure(
        const std::string& equipment_code, const std::string& description, const std::string& date);
    /// Creates a failure report (not idempotent on Odoo's side); returns its id.
    boost::asio::awaitable<Result<std::int64_t>> report_equipment_failure(const std::string& equipment_code,
                                                                          const std::string& description,
                                                                          const std::string& date);

    [[nodiscard]] const OdooStats& stats() const noexcept { return stats_; }
    /// Odoo as this client's last call saw it, for health: every call feeds it, so health knows
    /// whichever task talked to Odoo last. An answer of Odoo's own (a refusal, a server error) is an answer.
    [[nodiscard]] const LinkStatus& link() const noexcept { return link_; }
    [[nodiscard]] std::string describe() const { return http_.describe(); }
    /// From now on every call's endpoint, outcome and latency is counted in `metrics`.
    void count_in(metrics::PlantMetrics& metrics) noexcept { metrics_ = &metrics; }
    /// From now on a call is made only while this instance leads its line: a leader paused past its
    /// lease that wakes up in the middle of a job sends nothing more to Odoo (docs/FAILOVER.md).
    void call_only_while(const Leadership& leadership) noexcept { leadership_ = &leadership; }

  private:
    OdooClient(boost::asio::any_io_executor executor, OdooOptions options, HttpTarget target,
               std::shared_ptr<boost::asio::ssl::context> tls);
    /// One JSON-RPC call with session handling; the `result` of the envelope. Feeds link().
    boost::asio::awaitable<Result<Json>> call(std::string path, Json params, bool get = false);
    boost::asio::awaitable<Result<Json>> call_with_session(std::string path, Json params, bool get);
    boost::asio::awaitable<Result<Envelope>> exchange(std::string path, Json params, bool with_session,
                                                      bool get = false);

    OdooOptions options_;
    HttpClient http_;
    std::optional<std::string> session_id_;
    int next_id_ = 1;
    OdooStats stats_;
    LinkStatus link_;
    bool exchange_in_flight_ = false;
    metrics::PlantMetrics* metrics_ = nullptr;
    const Leadership* leadership_ = nullptr;
};

}  // namespace plcbridge::odoo
