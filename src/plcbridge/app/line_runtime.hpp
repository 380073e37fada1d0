#pragma once
/// One production line's parts, wired once (docs/LINES.md): its database session and thread, its
/// PLC client, its Odoo clients, its tasks on its own scheduler, its lease, its service and the
/// console's feed of it. Lines share the event loop, the API and the log file, nothing that waits:
/// an unplugged PLC or a slow Odoo call on one line never holds another's cycle.

#include <memory>
#include <string>

#include <boost/asio/io_context.hpp>

#include "plcbridge/app/config.hpp"
#include "plcbridge/app/service_inputs.hpp"
#include "plcbridge/async/change_feed.hpp"
#include "plcbridge/core/leadership.hpp"
#include "plcbridge/core/logger.hpp"
#include "plcbridge/core/plant_metrics.hpp"
#include "plcbridge/odoo/odoo_client.hpp"
#include "plcbridge/plc/plc_client.hpp"
#include "plcbridge/service/scheduler.hpp"
#include "plcbridge/service/service.hpp"
#include "plcbridge/store/db_worker.hpp"
#include "plcbridge/store/lease_keeper.hpp"
#include "plcbridge/store/sql_repository.hpp"
#include "plcbridge/tasks/cancel_worker.hpp"
#include "plcbridge/tasks/completion_worker.hpp"
#include "plcbridge/tasks/equipment_failure_monitor.hpp"
#include "plcbridge/tasks/mo_sync.hpp"
#include "plcbridge/tasks/plc_sync.hpp"

namespace plcbridge::app {

/// Each line's Odoo clients: one connection and session per task, so a slow cancel never waits
/// behind a report.
struct LineOdooClients {
    std::unique_ptr<odoo::OdooClient> cancel;
    std::unique_ptr<odoo::OdooClient> reports;
    std::unique_ptr<odoo::OdooClient> queue;
    std::unique_ptr<odoo::OdooClient> failures;
};

class LineRuntime {
  public:
    /// Opens the line's database session and makes its parts; with several lines its log lines
    /// start with its name.
    [[nodiscard]] static Result<std::unique_ptr<LineRuntime>> create(boost::asio::io_context& io, const Config& c,
                                                                     const ServiceInputs& inputs,
                                                                     const LineInputs& line, Logger& log);
    LineRuntime(const LineRuntime&) = delete;
    LineRuntime& operator=(const LineRuntime&) = delete;

    [[nodiscard]] int id() const noexcept { return line_.config.id; }
    [[nodiscard]] const std::string& name() const noexcept { return line_.config.name; }
    [[nodiscard]] const LineConfig& config() const noexcept { return line_.config; }
    [[nodiscard]] service::Service& service() noexcept { return service_; }
    [[nodiscard]] service::Scheduler& scheduler() noexcept { return scheduler_; }
    [[nodiscard]] async::ChangeFeed& console_feed() noexcept { return console_feed_; }
    [[nodiscard]] Logger& log() noexcept { return log_; }

    /// Competes for the line's lease (PostgreSQL); call after the API listens.
    void start_lease();
    /// Hands the line to a standby now rather than after the lease (the tasks are stopped).
    void stop_lease();

  private:
    LineRuntime(boost::asio::io_context& io, const Config& c, const ServiceInputs& inputs, const LineInputs& line,
                Logger& log, std::unique_ptr<store::SqlRepository> repository, LineOdooClients odoo);

    const LineInputs& line_;
    PrefixedLogger log_;
    Leadership leadership_;
    metrics::PlantMetrics metrics_;  // before the clients: they count in it until they end
    plc::ClientOptions plc_options_;
    plc::PlcClient plc_;
    LineOdooClients odoo_;
    store::DbWorker db_;
    tasks::JobSettings job_settings_;
    tasks::PlcSync sync_;
    tasks::CancelWorker cancel_;
    tasks::MoSync mo_sync_;
    tasks::CompletionWorker completion_;
    tasks::EquipmentFailureMonitor failures_;
    service::Scheduler scheduler_;
    std::unique_ptr<store::LeaseKeeper> lease_;
    service::TaskContext parts_;
    service::Service service_;
    async::ChangeFeed console_feed_;
};

}  // namespace plcbridge::app
