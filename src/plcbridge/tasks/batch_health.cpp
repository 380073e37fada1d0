#include "plcbridge/tasks/batch_health.hpp"

#include <fmt/format.h>

namespace plcbridge::tasks {

std::vector<BatchConcern> assess_batch(const store::Batch& b, std::span<const store::Job> jobs, store::TimePoint now,
                                       std::chrono::seconds stuck_after) {
    std::vector<BatchConcern> out;
    auto concern = [&](std::string key, std::string text) {
        out.push_back({b.id, b.batch_no, b.mo_id, std::move(key), std::move(text)});
    };
    // "16 min", or seconds for short spans (a test line, a fast plant's threshold).
    const auto span = [](auto d) {
        const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(d).count();
        return seconds < 120 ? fmt::format("{} s", seconds) : fmt::format("{} min", seconds / 60);
    };
    if (!b.status_manufacturing && !b.status_operation) {
        // Progress is a change of the PLC's values; a read that saw nothing new is not progress.
        const store::TimePoint since = b.last_change_from_plc.value_or(b.created_at);
        if (now - since > stuck_after) {
            concern(b.last_read_from_plc ? "stuck" : "no_read",
                    b.last_read_from_plc
                        ? fmt::format("no progress from the PLC for {} (threshold {}): check the line",
                                      span(now - since), span(stuck_after))
                        : fmt::format("queued {} ago and never seen in the PLC's READ area: check that the PLC "
                                      "took the queue",
                                      span(now - since)));
        }
    }
    for (const store::Job& j : jobs) {
        if (j.state != store::JobState::refused && j.state != store::JobState::needs_attention) continue;
        const char* what = j.kind == store::JobKind::cancel ? "the cancel" : "the report to Odoo";
        concern(
            fmt::format("job:{}:{}", j.id, store::job_state_name(j.state)),
            fmt::format("{} {}: {}", what,
                        j.state == store::JobState::refused ? "was refused by Odoo" : "needs attention", j.last_error));
    }
    return out;
}

}  // namespace plcbridge::tasks
