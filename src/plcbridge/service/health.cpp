#include "plcbridge/service/health.hpp"

#include <fmt/format.h>

namespace plcbridge::service {

std::string_view dependency_state_name(DependencyState s) noexcept {
    switch (s) {
        case DependencyState::ok: return "ok";
        case DependencyState::down: return "down";
        case DependencyState::unknown: return "unknown";
    }
    return "unknown";
}

DependencyState plc_state(const HealthReport& h) noexcept {
    if (!h.plc.link.ever_contacted()) return DependencyState::unknown;
    return h.plc.link.down() ? DependencyState::down : DependencyState::ok;
}

DependencyState odoo_state(const HealthReport& h) noexcept {
    if (!h.odoo.ever_contacted()) return DependencyState::unknown;
    return h.odoo.down() ? DependencyState::down : DependencyState::ok;
}

DependencyState database_state(const HealthReport& h, std::chrono::milliseconds stale_after) noexcept {
    if (!h.database.checked_at) return DependencyState::unknown;
    if (!h.database.connected || h.database.writes_failing || h.at - *h.database.checked_at > stale_after)
        return DependencyState::down;
    return DependencyState::ok;
}

bool line_has_leader(const HealthReport& h) noexcept {
    if (!h.leadership) return true;
    const auto& db = h.leadership->database;
    if (h.leadership->leading) return true;
    return db && db->leader && db->leader->lease_until >= db->read_at;
}

bool degraded(const HealthReport& h, std::chrono::milliseconds stale_after) noexcept {
    return !line_has_leader(h) || plc_state(h) == DependencyState::down || odoo_state(h) == DependencyState::down ||
           database_state(h, stale_after) == DependencyState::down;
}

std::vector<std::string> health_warnings(const HealthReport& h, std::chrono::milliseconds stale_after) {
    std::vector<std::string> out;
    if (!line_has_leader(h)) {
        out.push_back(fmt::format(
            "line {}: no instance holds the line's lease: nobody reads the PLC or talks to Odoo "
            "for it{}",
            h.leadership->me.line, h.leadership->last_error.empty() ? "" : " (" + h.leadership->last_error + ")"));
    }
    if (h.leadership && h.leadership->database) {
        for (const auto& other : h.leadership->database->instances) {
            if (other.instance != h.leadership->me.name && other.fins_node == h.leadership->me.fins_node) {
                out.push_back(
                    fmt::format("instance {} uses FINS client node {} too: give each instance its own "
                                "[plc] client_node, or the PLC may answer the wrong one",
                                other.instance, other.fins_node));
            }
        }
    }
    if (plc_state(h) == DependencyState::down) {
        out.push_back(
            fmt::format("PLC not answering for {} read cycle(s): {}; no batch is updated or cancelled "
                        "until it answers",
                        h.plc.link.consecutive_failures, h.plc.link.last_error));
    }
    if (h.plc.slots_with_problems > 0) {
        out.push_back(
            fmt::format("{} active batch(es) not updated from the PLC: their slots do not decode cleanly or "
                        "hold another MO (see the log)",
                        h.plc.slots_with_problems));
    }
    out.insert(out.end(), h.plc.foreign_slots.begin(), h.plc.foreign_slots.end());
    if (!h.plc.standing_warning.empty()) out.push_back("PLC reports a standing error: " + h.plc.standing_warning);
    if (odoo_state(h) == DependencyState::down) {
        out.push_back(fmt::format("Odoo not answering ({} failed call(s) in a row): {}; cancels are kept and retried",
                                  h.odoo.consecutive_failures, h.odoo.last_error));
    }
    if (database_state(h, stale_after) == DependencyState::down) {
        if (!h.database.connected) {
            out.push_back("database unavailable: " + h.database.last_error);
        } else if (h.database.writes_failing) {
            out.push_back("database writes fail: " + h.database.last_write_error +
                          "; nothing is stored or archived until a write succeeds (the PLC is read again, cancels "
                          "are retried)");
        } else {
            out.push_back("database thread has not answered recently");
        }
    }
    if (h.jobs.refused > 0) {
        out.push_back(
            fmt::format("{} cancel(s) refused by Odoo: the batches stay in mo_batch with status_operation=1; "
                        "check the MO in Odoo and cancel manually",
                        h.jobs.refused));
    }
    if (h.jobs.needs_attention > 0)
        out.push_back(fmt::format("{} Odoo job(s) need attention (see /api/batches)", h.jobs.needs_attention));
    out.insert(out.end(), h.batch_concerns.begin(), h.batch_concerns.end());
    if (!h.unqueued_mos.empty()) {
        out.push_back(fmt::format("{} confirmed MO(s) cannot be queued to the PLC (see unqueued_mos): fix them in Odoo",
                                  h.unqueued_mos.size()));
    }
    if (!h.scheduler_enabled) out.push_back("scheduler disabled: no periodic task runs until it is enabled again");
    return out;
}

}  // namespace plcbridge::service
