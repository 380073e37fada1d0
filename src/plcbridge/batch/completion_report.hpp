#pragma once
/// Task 3's report of a finished batch, step by step (tasks/completion_worker performs the steps):
///   1. a batch with no consumption at all is not reported: the operator looks;
///   2. ask Odoo where the MO stands: cancelled is for the operator, done (an earlier attempt cut
///      short after Odoo answered, or closed by hand) is archived without a second report;
///   3. send the consumption (replace semantics: safe to repeat); per-item errors stop for the operator;
///   4. with `[odoo] mark_done`, mark the MO done and check that Odoo really closed it;
///   5. archive as completed; a failed archive is retried alone.
/// Pure: each function says what the job does next and with which words.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "plcbridge/batch/backoff.hpp"
#include "plcbridge/batch/job_step.hpp"
#include "plcbridge/core/call_verdict.hpp"
#include "plcbridge/core/result.hpp"

namespace plcbridge::batch {

struct CompletionContext {
    int batch_no = 0;
    std::string mo_id;
    int failures_so_far = 0;  ///< consecutive failed attempts before this one
    bool mark_done = true;    ///< [odoo] mark_done
};

/// Step 1, for a batch whose PLC lines and finished weight are all zero.
[[nodiscard]] JobStep without_consumption(const CompletionContext& job);
/// Step 2: Odoo's answer to mo-detail; `mo_state` is the MO's state when the call went well.
[[nodiscard]] JobStep after_state_query(const CompletionContext& job, const CallReport& odoo, std::string_view mo_state,
                                        const BackoffPolicy& policy);
/// The INFO line before step 3.
[[nodiscard]] std::string reporting_consumption(const CompletionContext& job, std::size_t lines,
                                                std::string_view finished_weight);
/// Step 3: `item_errors` are the per-line errors of an answer that was ok as a whole.
[[nodiscard]] JobStep after_consumption_report(const CompletionContext& job, const CallReport& odoo,
                                               const std::vector<std::string>& item_errors,
                                               const BackoffPolicy& policy);
/// Step 4: `mo_state` is the state Odoo reads back after marking done.
[[nodiscard]] JobStep after_mark_done(const CompletionContext& job, const CallReport& odoo, std::string_view mo_state,
                                      const BackoffPolicy& policy);
/// Step 5.
[[nodiscard]] JobStep after_completion_archive(const CompletionContext& job, const Result<void>& archived,
                                               const BackoffPolicy& policy);
/// The note the completed batch is archived with. A batch the PLC reported finished and failed in
/// one read is completed (not cancelled: it finished), and the note says the failure stays on record.
[[nodiscard]] std::string completion_note(bool mark_done, bool failed_too);

}  // namespace plcbridge::batch
