#include "plcbridge/batch/completion_report.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace plcbridge::batch {
namespace {

std::string who(const CompletionContext& job) {
    return fmt::format("batch #{} (MO: {})", job.batch_no, job.mo_id);
}

/// Odoo refused, or kept failing past the retry bound: the batch stays and the operator looks.
JobStep needs_attention(const CompletionContext& job, const std::string& why) {
    return step_to(JobNext::needs_attention, LogLevel::error,
                   fmt::format("✗ Odoo did not take the report of {}: {}; the batch stays until an operator checks it",
                               who(job), why),
                   why);
}

JobStep retry_later(const CompletionContext& job, const std::string& why, const BackoffPolicy& policy) {
    const auto wait = backoff_after(job.failures_so_far + 1, policy);
    return step_to(
        JobNext::call_odoo, LogLevel::error,
        fmt::format("✗ Exception while reporting {} to Odoo: {}; retried in {} s", who(job), why, wait.count() / 1000),
        why, wait);
}

/// A failed call: retried, or handed to the operator, as the classification says.
JobStep after_failed_call(const CompletionContext& job, const CallReport& odoo, const BackoffPolicy& policy) {
    return odoo.verdict == CallVerdict::retry ? retry_later(job, odoo.text, policy) : needs_attention(job, odoo.text);
}

JobStep go_on(LogLevel level, std::string message) {
    return step_to(JobNext::go_on, level, std::move(message));
}

}  // namespace

JobStep without_consumption(const CompletionContext& job) {
    return needs_attention(job,
                           "the PLC reported no consumption at all for this batch: check it on the line, then report "
                           "it in Odoo and archive it (plcbridge cancel) by hand");
}

JobStep after_state_query(const CompletionContext& job, const CallReport& odoo, std::string_view mo_state,
                          const BackoffPolicy& policy) {
    if (!odoo.ok()) return after_failed_call(job, odoo, policy);
    if (mo_state == "cancel")
        return needs_attention(job, "the MO is cancelled in Odoo although the PLC finished the batch");
    if (mo_state == "done") {
        return step_to(JobNext::archive, LogLevel::warning,
                       fmt::format("MO {} is already done in Odoo (an earlier attempt, or closed by hand): archiving "
                                   "{} without reporting again",
                                   job.mo_id, who(job)));
    }
    return JobStep{JobNext::go_on, {}, {}, {}};
}

std::string reporting_consumption(const CompletionContext& job, std::size_t lines, std::string_view finished_weight) {
    return fmt::format("Reporting {} to Odoo: {} consumption line(s), finished weight {} kg", who(job), lines,
                       finished_weight);
}

JobStep after_consumption_report(const CompletionContext& job, const CallReport& odoo,
                                 const std::vector<std::string>& item_errors, const BackoffPolicy& policy) {
    if (!odoo.ok()) return after_failed_call(job, odoo, policy);
    if (!item_errors.empty())
        return needs_attention(job, fmt::format("Odoo reported errors: {}", fmt::join(item_errors, "; ")));
    JobStep step = go_on(LogLevel::info, fmt::format("✓ Consumption of {} recorded in Odoo", who(job)));
    if (!job.mark_done) step.next = JobNext::archive;  // nothing more to tell Odoo
    return step;
}

JobStep after_mark_done(const CompletionContext& job, const CallReport& odoo, std::string_view mo_state,
                        const BackoffPolicy& policy) {
    if (!odoo.ok()) return after_failed_call(job, odoo, policy);
    if (mo_state != "done") {
        return needs_attention(job, fmt::format("Odoo answered success to mark-done but the MO is still '{}' (a wizard "
                                                "may be waiting in Odoo)",
                                                mo_state));
    }
    return step_to(JobNext::archive, LogLevel::info, fmt::format("✓ MO {} marked done in Odoo", job.mo_id));
}

JobStep after_completion_archive(const CompletionContext& job, const Result<void>& archived,
                                 const BackoffPolicy& policy) {
    if (archived) {
        return step_to(JobNext::done, LogLevel::info,
                       fmt::format("✓✓ Batch #{} (MO: {}) completed and archived to history", job.batch_no, job.mo_id));
    }
    // The first backoff step every time: the archive waits for the database, not for Odoo.
    const std::string error = archived.error().message();
    return step_to(JobNext::archive, LogLevel::error,
                   fmt::format("✗ Failed to archive completed batch #{} (MO: {}): {}; retried without calling Odoo "
                               "again",
                               job.batch_no, job.mo_id, error),
                   error, backoff_after(1, policy));
}

std::string completion_note(bool mark_done, bool failed_too) {
    const std::string_view what =
        mark_done ? "consumption reported to Odoo, MO marked done" : "consumption reported to Odoo";
    if (!failed_too) return fmt::format("Completed: {}", what);
    return fmt::format(
        "Completed with a failure: the PLC reported the batch finished and failed (status_operation=1 "
        "kept for the operator); {}",
        what);
}

}  // namespace plcbridge::batch
