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
#include "plcbridge/app/line_runtime.hpp"
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

/// Long enough for the slowest body to end on its own: an Odoo call or a PLC read with its retries.
std::chrono::milliseconds stop_deadline(const Config& c) {
    auto slowest = std::chrono::milliseconds(c.odoo.timeout_ms);
    for (const LineConfig& line : c.lines)
        slowest = std::max(slowest, std::chrono::milliseconds(line.plc.timeout_ms * (line.plc.retries + 1)));
    return slowest + std::chrono::seconds(2);
}

using Lines = std::vector<std::unique_ptr<LineRuntime>>;

/// A named coroutine, not a lambda: a coroutine lambda's captures die with the handler that made it.
/// The lines' schedulers stop together (each within the deadline), then the event loop.
asio::awaitable<void> stop_schedulers(Lines& lines, asio::io_context& io, std::chrono::milliseconds deadline,
                                      bool& stopped_cleanly) {
    stopped_cleanly = true;
    for (auto& line : lines) {
        const bool clean = co_await line->scheduler().stop(deadline);
        stopped_cleanly = stopped_cleanly && clean;
    }
    io.stop();
}

}  // namespace

int run_command(const std::string& config_path) {
    auto config = load_command_config(config_path, ConfigUse::touches_database);
    if (!config) return fail(kExitBadUsage, config.error().message());
    return run_service(*config, nullptr);
}

namespace {

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
bool serve_until_signalled(asio::io_context& io, Lines& lines, api::ApiServer& server, FileLogger& log,
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
        asio::co_spawn(io, stop_schedulers(lines, io, deadline, stopped_cleanly), asio::detached);
    });
    asio::signal_set hangup(io, SIGHUP);
    reopen_log_on_hangup(hangup, log);
    asio::co_spawn(io, feed_watchdog(systemd), asio::detached);
    for (auto& line : lines)
        line->scheduler().start();
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

    // --- the parts, wired once: each line its own (docs/LINES.md) ---
    if (!c.odoo.tls_verify) log.log(LogLevel::warning, std::string(odoo::kUnverifiedTlsWarning));
    asio::io_context io;
    Lines lines;
    std::vector<api::ServedLine> served;
    // The deployment's Odoo settings (URL, TLS files) once, before any line opens the database: a
    // mistake there is the configuration's (exit 2), and every line's clients are made from them.
    if (auto odoo = odoo::OdooClient::create(io.get_executor(), to_odoo_options(c.odoo)); !odoo)
        return fail(kExitBadUsage, "[odoo] url: " + odoo.error().message());
    for (const LineInputs& line_inputs : inputs->lines) {
        auto line = LineRuntime::create(io, c, *inputs, line_inputs, log);
        if (!line) {
            const std::string why = line_prefix(c, line_inputs.config) + line.error().message();
            log.log(LogLevel::error, why);
            return fail(kExitRuntimeFailure, why);
        }
        served.push_back({(*line)->id(), (*line)->name(), &(*line)->service(), &(*line)->console_feed()});
        lines.push_back(std::move(*line));
    }
    api::ApiRouter router(std::move(served), c.api.token);
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
    for (auto& line : lines) {
        if (!inputs->instance) break;
        log.log(LogLevel::info,
                fmt::format("line {}: shares {} with other instances as \"{}\"; a standby takes "
                            "over within {} ms of the leader's end",
                            line->id(), inputs->db_url.redacted(), inputs->instance->name, inputs->takeover.count()));
        line->start_lease();
    }
    // Scripts and tests wait for this line (port 0 = a free port).
    std::cout << fmt::format("{{\"api_port\": {}}}", *port) << std::endl;
    if (on_started) on_started(*port);
    for (const auto& line : lines) {
        const LineConfig& lc = line->config();
        log.log(LogLevel::info,
                fmt::format("plcbridge started: API http://{}:{}, {}PLC {} {}:{} (read every {} ms), Odoo {}, "
                            "database {}{}",
                            listen.host, *port, line_prefix(c, lc), lc.plc.transport, lc.plc.host, lc.plc.port,
                            service::period_of(lc.tasks.schedule, service::kPlcReadTask).count(), c.odoo.url,
                            inputs->db_url.redacted(), lc.auto_cancel.enabled ? "" : ", auto-cancel disabled"));
    }
    // The database is migrated (SqlRepository::open) and the API listens: systemd may start what
    // depends on us.
    if (auto ready = systemd.notify(
            fmt::format("READY=1\nSTATUS=API on {}:{}, PLC {}:{}{}", listen.host, *port, c.lines.front().plc.host,
                        c.lines.front().plc.port,
                        lines.size() > 1 ? fmt::format(" and {} more line(s)", lines.size() - 1) : std::string()));
        !ready)
        log.log(LogLevel::warning, ready.error().detail);

    const bool stopped_cleanly = serve_until_signalled(io, lines, server, log, systemd, stop_deadline(c));
    // The tasks are stopped: hand the lines to a standby now rather than after the lease.
    for (auto& line : lines)
        line->stop_lease();
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
