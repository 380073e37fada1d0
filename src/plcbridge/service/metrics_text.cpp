#include "plcbridge/service/metrics_text.hpp"

namespace plcbridge::service {

namespace {

using metrics::Exposition;
using metrics::LabelValues;

void fins(Exposition& out, const metrics::PlantMetrics& m) {
    out.family("plcbridge_fins_round_trip_seconds", "histogram",
               "Time of one FINS command from the first send to its answer, retries included.");
    out.histogram("plcbridge_fins_round_trip_seconds", {}, {}, m.fins_round_trip.bounds(), m.fins_round_trip.data());
    out.family("plcbridge_fins_errors_total", "counter",
               "FINS commands that failed, by the PLC's end code (0x....) or the client's reason.");
    const std::string_view code[] = {"code"};
    for (const auto& [labels, n] : m.fins_errors.values())
        out.sample("plcbridge_fins_errors_total", code, labels, static_cast<double>(n));
}

void plc_cycle(Exposition& out, const metrics::PlantMetrics& m) {
    out.family("plcbridge_plc_cycle_seconds", "histogram", "Duration of one Task-2 read cycle.");
    out.histogram("plcbridge_plc_cycle_seconds", {}, {}, m.plc_cycle.bounds(), m.plc_cycle.data());
    out.family("plcbridge_plc_cycle_overruns_total", "counter", "Task-2 cycles longer than the read interval.");
    out.sample("plcbridge_plc_cycle_overruns_total", static_cast<double>(m.plc_cycle_overruns.value()));
    out.family("plcbridge_plc_cycles_total", "counter", "Task-2 cycles run.");
    out.sample("plcbridge_plc_cycles_total", static_cast<double>(m.plc_cycles.value()));
    out.family("plcbridge_plc_cycle_commands_total", "counter", "FINS commands sent by Task-2 cycles.");
    out.sample("plcbridge_plc_cycle_commands_total", static_cast<double>(m.plc_cycle_commands.value()));
    out.family("plcbridge_plc_last_cycle_commands", "gauge", "FINS commands of the last Task-2 cycle (1 normally).");
    out.sample("plcbridge_plc_last_cycle_commands",
               static_cast<double>(m.plc_last_cycle_commands.load(std::memory_order_relaxed)));
}

void plc_contact(Exposition& out, const HealthReport& h, WallClock::time_point now) {
    out.family("plcbridge_plc_seconds_since_last_good_read", "gauge",
               "Seconds since the PLC last answered a read (NaN before the first).");
    const auto& last = h.plc.link.last_ok;
    out.sample("plcbridge_plc_seconds_since_last_good_read",
               last ? std::chrono::duration<double>(now - *last).count() : std::numeric_limits<double>::quiet_NaN());
}

void odoo(Exposition& out, const metrics::PlantMetrics& m) {
    out.family("plcbridge_odoo_calls_total", "counter",
               "Odoo calls by endpoint and outcome (ok, refused, transient, ...).");
    const std::string_view endpoint_outcome[] = {"endpoint", "outcome"};
    for (const auto& [labels, n] : m.odoo_calls.values())
        out.sample("plcbridge_odoo_calls_total", endpoint_outcome, labels, static_cast<double>(n));
    out.family("plcbridge_odoo_call_seconds", "histogram", "Duration of one Odoo call, login and retry included.");
    const std::string_view endpoint[] = {"endpoint"};
    for (const auto& [labels, data] : m.odoo_call_seconds.values())
        out.histogram("plcbridge_odoo_call_seconds", endpoint, labels, m.odoo_call_seconds.bounds(), data);
}

void jobs_and_batches(Exposition& out, const HealthReport& h) {
    out.family("plcbridge_jobs", "gauge", "Durable Odoo jobs by kind and state (done jobs are not counted).");
    const std::string_view kind_state[] = {"kind", "state"};
    for (const JobTally& t : h.job_tallies)
        out.sample("plcbridge_jobs", kind_state, LabelValues{t.kind, t.state}, t.count);
    if (!h.batch_totals) return;  // the database has not answered a check yet
    const store::BatchTotals& b = *h.batch_totals;
    out.family("plcbridge_batches_active", "gauge", "Batches queued in the PLC and not yet archived.");
    out.sample("plcbridge_batches_active", static_cast<double>(b.active));
    out.family("plcbridge_batches_total", "counter",
               "Batches by outcome since the database began: queued (all), completed, cancelled_auto, "
               "cancelled_manual.");
    const std::string_view event[] = {"event"};
    const std::int64_t archived = b.completed + b.cancelled_auto + b.cancelled_manual;
    out.sample("plcbridge_batches_total", event, LabelValues{"queued"}, static_cast<double>(b.active + archived));
    out.sample("plcbridge_batches_total", event, LabelValues{"completed"}, static_cast<double>(b.completed));
    out.sample("plcbridge_batches_total", event, LabelValues{"cancelled_auto"}, static_cast<double>(b.cancelled_auto));
    out.sample("plcbridge_batches_total", event, LabelValues{"cancelled_manual"},
               static_cast<double>(b.cancelled_manual));
}

/// Who drives the line (docs/FAILOVER.md): an alert on "no instance leads" is
/// `max(plcbridge_line_leading) == 0` over the instances; a growing epoch counts take-overs.
void line(Exposition& out, const HealthReport& h) {
    out.family("plcbridge_line_leading", "gauge", "1 while this instance drives the line (always 1 alone on SQLite).");
    out.sample("plcbridge_line_leading", h.leadership && !h.leadership->leading ? 0.0 : 1.0);
    if (!h.leadership || !h.leadership->database || !h.leadership->database->leader) return;
    out.family("plcbridge_line_epoch", "gauge", "The line's fencing epoch: it grows by one at every change of leader.");
    out.sample("plcbridge_line_epoch", static_cast<double>(h.leadership->database->leader->epoch));
}

}  // namespace

std::string metrics_text(const metrics::PlantMetrics& m, const HealthReport& health, WallClock::time_point now) {
    Exposition out;
    fins(out, m);
    plc_cycle(out, m);
    plc_contact(out, health, now);
    odoo(out, m);
    jobs_and_batches(out, health);
    line(out, health);
    return out.text();
}

}  // namespace plcbridge::service
