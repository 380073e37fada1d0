#include "plcbridge/app/line_runtime.hpp"

#include <fmt/format.h>

#include "plcbridge/api/router.hpp"

namespace plcbridge::app {

namespace asio = boost::asio;

namespace {

/// How often the console's change feed reads the store while a console is open: changes show
/// within a second of being stored (docs/CONSOLE.md "Line view").
constexpr std::chrono::milliseconds kConsoleFeedPeriod{500};

tasks::MoSyncSettings queue_settings(const Config& c, const LineConfig& line) {
    tasks::MoSyncSettings settings;
    settings.page_size = static_cast<int>(c.tasks.mo_sync_page_size);
    settings.max_pages = static_cast<int>(c.tasks.mo_sync_max_pages);
    for (const auto& [alias, code] : line.memory_map.equipment_aliases)
        settings.aliases.emplace(tasks::normalise_alias(alias), code);
    for (const std::string& code : line.mo_equipment)
        settings.line_equipment.insert(tasks::normalise_alias(code));
    return settings;
}

/// The line's lease identity: the instance's name, this line and the FINS node it talks from.
store::InstanceIdentity on_line(store::InstanceIdentity me, const LineConfig& line) {
    me.line = line.id;
    me.fins_node = static_cast<int>(line.plc.client_node);
    return me;
}

/// Every job kind alike. Each instance leases jobs under its own name: a restart takes its own back
/// at once, and a new leader waits for the lease of the job the old one had in hand (its Odoo call
/// may land).
tasks::JobSettings job_settings_of(const Config& c, const ServiceInputs& inputs) {
    tasks::JobSettings settings;
    settings.lease = std::chrono::milliseconds(c.odoo.timeout_ms) + std::chrono::seconds(30);
    settings.odoo_retry = odoo::RetryPolicy{static_cast<int>(c.odoo.unknown_error_retries)};
    if (inputs.instance) settings.worker = inputs.instance->name;
    return settings;
}

/// The repository with its writes fenced by the line's lease.
std::unique_ptr<store::Repository> fenced(std::unique_ptr<store::SqlRepository> repository,
                                          const Leadership& leadership) {
    repository->fence_writes(leadership);
    return repository;
}

}  // namespace

Result<std::unique_ptr<LineRuntime>> LineRuntime::create(asio::io_context& io, const Config& c,
                                                         const ServiceInputs& inputs, const LineInputs& line,
                                                         Logger& log) {
    auto repository = store::SqlRepository::open(inputs.db_url, line.config.id);
    if (!repository) return Error{repository.error().code, "cannot open the database: " + repository.error().message()};
    LineOdooClients odoo;
    for (std::unique_ptr<odoo::OdooClient>* client : {&odoo.cancel, &odoo.reports, &odoo.queue, &odoo.failures}) {
        auto made = odoo::OdooClient::create(io.get_executor(), to_odoo_options(c.odoo));
        if (!made) return Error{made.error().code, "[odoo] url: " + made.error().message()};
        *client = std::move(*made);
    }
    return std::unique_ptr<LineRuntime>(
        new LineRuntime(io, c, inputs, line, log, std::move(*repository), std::move(odoo)));
}

LineRuntime::LineRuntime(asio::io_context& io, const Config& c, const ServiceInputs& inputs, const LineInputs& line,
                         Logger& log, std::unique_ptr<store::SqlRepository> repository, LineOdooClients odoo)
    : line_(line),
      log_(log, line_prefix(c, line.config)),
      // Who drives the line: alone on SQLite; on PostgreSQL the instance holding the line's lease,
      // whose PLC exchanges, Odoo calls and database writes are fenced by it (docs/FAILOVER.md).
      leadership_(inputs.instance ? Leadership::leased() : Leadership::single_instance()),
      plc_options_(to_client_options(line.config.plc)),
      plc_(io.get_executor(), plc::make_transport(io.get_executor(), plc_options_), plc_options_),
      odoo_(std::move(odoo)),
      db_(fenced(std::move(repository), leadership_)),
      job_settings_(job_settings_of(c, inputs)),
      sync_(plc_, db_, line.read_area, log_,
            batch::AutoCancelSettings{line.config.auto_cancel.enabled,
                                      static_cast<int>(line.config.auto_cancel.confirm_reads)}),
      cancel_(db_, *odoo_.cancel, log_, job_settings_),
      mo_sync_(plc_, db_, *odoo_.queue, line.write_area, log_, queue_settings(c, line.config)),
      completion_(db_, *odoo_.reports, log_, {job_settings_, c.odoo.mark_done}),
      failures_(plc_, db_, *odoo_.failures, line.failure_area, log_, {job_settings_, line.plant_zone}),
      scheduler_(io.get_executor(), log_),
      // The keeper's lines name the line by number already ("line 2: ... drives the line now").
      lease_(inputs.instance
                 ? std::make_unique<store::LeaseKeeper>(inputs.db_url, on_line(*inputs.instance, line.config),
                                                        store::lease_timing(inputs.takeover), leadership_, log)
                 : nullptr),
      parts_{plc_,      mo_sync_,    sync_,       cancel_, completion_,
             failures_, db_,         scheduler_,  log_,    line.config.tasks.schedule,
             metrics_,  leadership_, lease_.get()},
      service_(parts_, static_cast<int>(line.config.memory_map.slots)),
      console_feed_(
          io.get_executor(), [this] { return api::read_console_state(service_); }, kConsoleFeedPeriod) {
    plc_.count_in(metrics_);
    plc_.exchange_only_while(leadership_);
    for (odoo::OdooClient* client :
         {odoo_.cancel.get(), odoo_.reports.get(), odoo_.queue.get(), odoo_.failures.get()}) {
        client->count_in(metrics_);
        client->call_only_while(leadership_);
    }
    service_.schedule();
}

void LineRuntime::start_lease() {
    if (lease_) lease_->start();
}

void LineRuntime::stop_lease() {
    if (lease_) lease_->stop();
}

}  // namespace plcbridge::app
