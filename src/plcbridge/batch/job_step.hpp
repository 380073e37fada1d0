#pragma once
/// What one step of a durable Odoo job came to: where the job goes next, when to try again, the
/// error kept on the job, and the lines to log. Every job kind's pure decisions (cancel_saga,
/// completion_report, failure_report) answer in this form; the job runner (tasks/job_runner)
/// stores it and logs it, the same way for every kind.

#include <chrono>
#include <string>
#include <vector>

#include "plcbridge/core/logger.hpp"

namespace plcbridge::batch {

/// Where the job goes next (persisted as the job's state).
enum class JobNext {
    call_odoo,        ///< pending: call Odoo (again) at `next_attempt_in`
    archive,          ///< Odoo has it: archive (again) — Odoo is never called again for this job
    done,             ///< nothing left to do
    refused,          ///< final: Odoo said no; the batch stays for the operator
    needs_attention,  ///< final for now, like refused, but not an answer about the MO itself
    go_on,            ///< this step went well: the same attempt goes on to its next step
};

struct LogLine {
    LogLevel level;
    std::string message;
};

struct JobStep {
    JobNext next = JobNext::call_odoo;
    std::chrono::milliseconds next_attempt_in{0};
    std::string error;  ///< stored as the job's last_error
    std::vector<LogLine> log;
};

/// A step that ends the attempt with `next` and one line at `level`.
[[nodiscard]] inline JobStep step_to(JobNext next, LogLevel level, std::string message, std::string error = {},
                                     std::chrono::milliseconds next_attempt_in = {}) {
    JobStep step{next, next_attempt_in, std::move(error), {}};
    step.log.push_back({level, std::move(message)});
    return step;
}

}  // namespace plcbridge::batch
