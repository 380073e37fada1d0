#pragma once
/// Task 5's report of an equipment failure to Odoo (tasks/equipment_failure_monitor performs it).
/// Odoo's endpoint creates a record per call (not idempotent), so a report tried before, whose
/// answer may have been lost after Odoo stored it, is first looked up; only a report Odoo does not
/// hold is sent. Pure: what the job does next and with which words.

#include <cstdint>
#include <optional>
#include <string>

#include "plcbridge/batch/backoff.hpp"
#include "plcbridge/batch/job_step.hpp"
#include "plcbridge/core/call_verdict.hpp"

namespace plcbridge::batch {

struct FailureReportContext {
    std::string equipment_code;
    std::string description;
    int failures_so_far = 0;  ///< consecutive failed attempts before this one
};

/// The job's stored request does not read back: nothing can be sent.
[[nodiscard]] JobStep unreadable_failure_request(std::int64_t job_id, const std::string& why);
/// After looking the event up in Odoo: `found` is the id of the record Odoo holds for it. A failed
/// lookup is always retried: sending blind could report the event twice.
[[nodiscard]] JobStep after_failure_lookup(const FailureReportContext& job, const CallReport& odoo,
                                           std::optional<std::int64_t> found, const BackoffPolicy& policy);
/// After POST /api/scada/equipment-failure.
[[nodiscard]] JobStep after_failure_report(const FailureReportContext& job, const CallReport& odoo,
                                           const BackoffPolicy& policy);

}  // namespace plcbridge::batch
