#include "plcbridge/batch/failure_report.hpp"

#include <fmt/format.h>

namespace plcbridge::batch {
namespace {

JobStep retry_later(const FailureReportContext& job, const std::string& why, const BackoffPolicy& policy) {
    const auto wait = backoff_after(job.failures_so_far + 1, policy);
    return step_to(JobNext::call_odoo, LogLevel::error,
                   fmt::format("✗ Equipment failure {} not reported to Odoo yet: {}; retried in {} s",
                               job.equipment_code, why, wait.count() / 1000),
                   why, wait);
}

}  // namespace

JobStep unreadable_failure_request(std::int64_t job_id, const std::string& why) {
    return step_to(
        JobNext::needs_attention, LogLevel::error,
        fmt::format("✗ equipment failure job {}: its stored request does not read back ({}); not sent", job_id, why),
        why);
}

JobStep after_failure_lookup(const FailureReportContext& job, const CallReport& odoo, std::optional<std::int64_t> found,
                             const BackoffPolicy& policy) {
    if (!odoo.ok()) return retry_later(job, odoo.text, policy);
    if (!found) return JobStep{JobNext::go_on, {}, {}, {}};
    return step_to(JobNext::done, LogLevel::info,
                   fmt::format("✓ Equipment failure {} {} was already in Odoo (record {}): the earlier report "
                               "arrived although its answer was lost",
                               job.equipment_code, job.description, *found));
}

JobStep after_failure_report(const FailureReportContext& job, const CallReport& odoo, const BackoffPolicy& policy) {
    switch (odoo.verdict) {
        case CallVerdict::ok:
            return step_to(
                JobNext::done, LogLevel::info,
                fmt::format("✓ Equipment failure {} {} reported to Odoo", job.equipment_code, job.description));
        case CallVerdict::retry: return retry_later(job, odoo.text, policy);
        case CallVerdict::final:
        case CallVerdict::needs_attention: break;
    }
    return step_to(
        JobNext::needs_attention, LogLevel::error,
        fmt::format("✗ Odoo refused the equipment failure {} {}: {}", job.equipment_code, job.description, odoo.text),
        odoo.text);
}

}  // namespace plcbridge::batch
