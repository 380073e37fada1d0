#include "plcbridge/app/run_command.hpp"

#include "plcbridge/core/time_zone.hpp"

#include <algorithm>
#include <csignal>
#include <cstdlib>
#include <iostream>

#include <unistd.h>

#include <fmt/format.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/signal_set.hpp>

#include "plcbridge/api/api_server.hpp"
#include "plcbridge/api/router.hpp"
#include "plcbridge/app/config.hpp"
#include "plcbridge/app/config_source.hpp"
#include "plcbridge/app/fatal_signal.hpp"
#include "plcbridge/app/file_logger.hpp"
#include "plcbridge/app/host_port.hpp"
#include "plcbridge/app/plc_target.hpp"
#include "plcbridge/app/service_inputs.hpp"
#include "plcbridge/app/systemd_notifier.hpp"
#include "plcbridge/async/change_feed.hpp"
#include "plcbridge/core/leadership.hpp"
#include "plcbridge/memory_map/default_maps.hpp"
#include "plcbridge/odoo/tls_context.hpp"
#include "plcbridge/service/scheduler.hpp"
#include "plcbridge/service/service.hpp"
#include "plcbridge/service/task_names.hpp"
#include "plcbridge/service/task_registry.hpp"
#include "plcbridge/store/lease_keeper.hpp"
#include "plcbridge/store/sql_repository.hpp"
#include "plcbridge/tasks/cancel_worker.hpp"
#include "plcbridge/tasks/completion_worker.hpp"
#include "plcbridge/tasks/equipment_failure_monitor.hpp"
#include "plcbridge/tasks/mo_sync.hpp"
#include "plcbridge/tasks/plc_sync.hpp"

namespace plcbridge::app {

namespace asio = boost::asio;

namespace {

/// How often the console's change feed reads the store while a console is open: changes show
/// within a second of being stored (docs/CONSOLE.md "Line view").
constexpr std::chrono::milliseconds kConsoleFeedPeriod{500};

/// Long enough for the slowest body to end on its own: an Odoo call or a PLC read with its retries.
std::chrono::milliseconds stop_deadline(const Config& c) {
    const auto plc = std::chrono::milliseconds(c.plc.timeout_ms * (c.plc.retries + 1));
    const auto odoo = std::chrono::milliseconds(c.odoo.timeout_ms);
    return std::max(plc, odoo) + std::chrono::seconds(2);
}

/// A named coroutine, not a lambda: a coroutine lambda's captures die with the handler that made it.
asio::awaitable<void> stop_scheduler(service::Scheduler& scheduler, asio::io_context& io,
                                     std::chrono::milliseconds deadline, bool& stopped_cleanly) {
    stopped_cleanly = co_await scheduler.stop(deadline);
    io.stop();
}

}  // namespace

int run_command(const std::string& config_path) {
    auto config = load_command_config(config_path, ConfigUse::touches_database);
    if (!config) return fail(kExitBadUsage, config.error().message());
    return run_service(*config, nullptr);
}

namespace {

tasks::MoSyncSettings queue_settings(const Config& c) {
    tasks::MoSyncSettings settings;
    settings.page_size = static_cast<int>(c.tasks.mo_sync_page_size);
    settings.max_pages = static_cast<int>(c.tasks.mo_sync_max_pages);
    for (const auto& [alias, code] : c.memory_map.equipment_aliases)
        settings.aliases.emplace(tasks::normalise_alias(alias), code);
    return settings;
}

/// SIGHUP (logrotate's postrotate, `systemctl reload`): the log file is opened again by its name.
void reopen_log_on_hangup(asio::signal_set& hangup, FileLogger& log) {
    hangup.async_wait([&hangup, &log](const boost::system::error_code& ec, int) {
        if (ec) return;
        if (auto reopened = log.reopen(); !reopened) {
            log.log(LogLevel::error, "SIGHUP: " + reopened.error().detail + "; lines go to the console only");
        } else {
            log.log(LogLevel::info, "SIGHUP received: log file reopened");
        }
        reopen_log_on_hangup(hangup, log);
    });
}

/// Runs the event loop until SIGINT/SIGTERM and the scheduler's stop; false when a task body was
/// still running after the deadline.
bool serve_until_signalled(asio::io_context& io, service::Scheduler& scheduler, api::ApiServer& server, FileLogger& log,
                           const SystemdNotifier& systemd, std::chrono::milliseconds deadline) {
    // --- graceful stop: no new requests or runs, running bodies finish (up to a deadline) ---
    bool stopped_cleanly = false;
    asio::signal_set signals(io, SIGINT, SIGTERM);
    signals.async_wait([&](const boost::system::error_code& ec, int signal) {
        if (ec) return;
        (void)systemd.notify("STOPPING=1");
        log.log(LogLevel::info, fmt::format("signal {} received: stopping (running tasks may take up to {} ms)", signal,
                                            deadline.count()));
        server.stop();
        asio::co_spawn(io, stop_scheduler(scheduler, io, deadline, stopped_cleanly), asio::detached);
    });
    asio::signal_set hangup(io, SIGHUP);
    reopen_log_on_hangup(hangup, log);
    asio::co_spawn(io, feed_watchdog(systemd), asio::detached);
    scheduler.start();
    io.run();
    return stopped_cleanly;
}

}  // namespace

int run_service(const Config& c, const std::function<void(std::uint16_t)>& on_started) {
    auto inputs = load_service_inputs(c);
    if (!inputs) return fail(kExitBadUsage, inputs.error().detail);
    auto logger_opened = FileLogger::open(logger_options(c.log, process_environment()));
    if (!logger_opened) return fail(kExitBadUsage, "[log] file: " + logger_opened.error().message());
    FileLogger& log = **logger_opened;
    const SystemdNotifier systemd = SystemdNotifier::from_environment(process_environment(), ::getpid());
    install_fatal_signal_report(c.log.file);

    // --- the parts, wired once ---
    auto repository = store::SqlRepository::open(inputs->db_url);
    if (!repository) {
        log.log(LogLevel::error, "cannot open the database: " + repository.error().message());
        return fail(kExitRuntimeFailure, repository.error().message());
    }
    // Who drives the line: alone on SQLite; on PostgreSQL the instance holding the line's lease,
    // whose PLC exchanges and database writes are fenced by it (docs/FAILOVER.md).
    Leadership leadership = inputs->instance ? Leadership::leased() : Leadership::single_instance();
    (*repository)->fence_writes(leadership, 1);
    metrics::PlantMetrics plant_metrics;  // before the io_context: the parts update it until they end
    asio::io_context io;
    const plc::ClientOptions plc_options = to_client_options(c.plc);
    plc::PlcClient plc(io.get_executor(), plc::make_transport(io.get_executor(), plc_options), plc_options);
    plc.count_in(plant_metrics);
    plc.exchange_only_while(leadership);
    // One Odoo client (connection and session) per task: a slow cancel never waits behind a report.
    auto odoo_for_cancel = odoo::OdooClient::create(io.get_executor(), to_odoo_options(c.odoo));
    if (!odoo_for_cancel) return fail(kExitBadUsage, "[odoo] url: " + odoo_for_cancel.error().message());
    auto odoo_for_reports = odoo::OdooClient::create(io.get_executor(), to_odoo_options(c.odoo)).value();
    auto odoo_for_queue = odoo::OdooClient::create(io.get_executor(), to_odoo_options(c.odoo)).value();
    auto odoo_for_failures = odoo::OdooClient::create(io.get_executor(), to_odoo_options(c.odoo)).value();
    for (odoo::OdooClient* client :
         {odoo_for_cancel->get(), odoo_for_reports.get(), odoo_for_queue.get(), odoo_for_failures.get()}) {
        client->count_in(plant_metrics);
        client->call_only_while(leadership);
    }
    if (!c.odoo.tls_verify) log.log(LogLevel::warning, std::string(odoo::kUnverifiedTlsWarning));
    store::DbWorker db(std::move(*repository));
    tasks::PlcSync sync(
        plc, db, inputs->read_area, log,
        batch::AutoCancelSettings{c.auto_cancel.enabled, static_cast<int>(c.auto_cancel.confirm_reads)});
    tasks::JobSettings job_settings;  // every job kind alike
    job_settings.lease = std::chrono::milliseconds(c.odoo.timeout_ms) + std::chrono::seconds(30);
    job_settings.odoo_retry = odoo::RetryPolicy{static_cast<int>(c.odoo.unknown_error_retries)};
    // Each instance leases jobs under its own name: a restart takes its own back at once, and a
    // new leader waits for the lease of the job the old one had in hand (its Odoo call may land).
    if (inputs->instance) job_settings.worker = inputs->instance->name;
    tasks::CancelWorker cancel(db, **odoo_for_cancel, log, job_settings);
    tasks::MoSync mo_sync(plc, db, *odoo_for_queue, inputs->write_area, log, queue_settings(c));
    tasks::CompletionWorker completion(db, *odoo_for_reports, log, {job_settings, c.odoo.mark_done});
    tasks::EquipmentFailureMonitor failures(plc, db, *odoo_for_failures, inputs->failure_area, log,
                                            {job_settings, inputs->plant_zone});
    service::Scheduler scheduler(io.get_executor(), log);
    std::unique_ptr<store::LeaseKeeper> lease;
    if (inputs->instance) {
        lease = std::make_unique<store::LeaseKeeper>(inputs->db_url, *inputs->instance,
                                                     store::lease_timing(inputs->takeover), leadership, log);
    }
    service::TaskContext task_parts{plc,           mo_sync,    sync,       cancel, completion,
                                    failures,      db,         scheduler,  log,    c.tasks.schedule,
                                    plant_metrics, leadership, lease.get()};
    service::Service service(task_parts, static_cast<int>(c.memory_map.slots));
    service.schedule();
    // The console's live view: one read of the store every half second while a console watches.
    async::ChangeFeed console_feed(
        io.get_executor(), [&service] { return api::read_console_state(service); }, kConsoleFeedPeriod);
    api::ApiRouter router(service, c.api.token, &console_feed);
    api::ApiServer server(io.get_executor(), router);
    const HostPort& listen = inputs->listen;
    auto port = server.listen(listen.host, listen.port);
    if (!port) {
        // The configured address cannot be had (in use, not on this machine): a setting to change.
        log.log(LogLevel::error, port.error().message());
        return fail(kExitBadUsage, port.error().message());
    }

    // After the API listens: a second process of this very instance (same address) stops above and
    // never competes for the lease under this instance's name.
    if (lease) {
        log.log(LogLevel::info,
                fmt::format("line 1: shares {} with other instances as \"{}\"; a standby takes "
                            "over within {} ms of the leader's end",
                            inputs->db_url.redacted(), inputs->instance->name, inputs->takeover.count()));
        lease->start();
    }
    // Scripts and tests wait for this line (port 0 = a free port).
    std::cout << fmt::format("{{\"api_port\": {}}}", *port) << std::endl;
    if (on_started) on_started(*port);
    log.log(LogLevel::info,
            fmt::format("plcbridge started: API http://{}:{}, PLC {} {}:{} (read every {} ms), Odoo {}, database {}{}",
                        listen.host, *port, c.plc.transport, c.plc.host, c.plc.port,
                        service::period_of(c.tasks.schedule, service::kPlcReadTask).count(), c.odoo.url,
                        inputs->db_url.redacted(), c.auto_cancel.enabled ? "" : ", auto-cancel disabled"));
    // The database is migrated (SqlRepository::open) and the API listens: systemd may start what
    // depends on us.
    if (auto ready = systemd.notify(
            fmt::format("READY=1\nSTATUS=API on {}:{}, PLC {}:{}", listen.host, *port, c.plc.host, c.plc.port));
        !ready)
        log.log(LogLevel::warning, ready.error().detail);

    const bool stopped_cleanly = serve_until_signalled(io, scheduler, server, log, systemd, stop_deadline(c));
    // The tasks are stopped: hand the line to a standby now rather than after the lease.
    if (lease) lease->stop();
    if (!stopped_cleanly) {
        // A body is still suspended in the event loop; tearing it down would touch freed parts. The
        // database holds every pending effect (jobs are durable), so leaving now loses nothing.
        log.log(LogLevel::warning,
                "stopped with a task still running after the deadline; its work resumes at the "
                "next start from the database");
        std::cout.flush();
        std::_Exit(kExitOk);
    }
    log.log(LogLevel::info, "plcbridge stopped");
    return kExitOk;
}

}  // namespace plcbridge::app
