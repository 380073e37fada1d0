#include "plcbridge/tasks/manual_cancel.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "plcbridge/batch/log_messages.hpp"
#include "plcbridge/store/errc.hpp"

namespace plcbridge::tasks {

Result<ManualCancelDone> manual_cancel(store::Repository& repo, Logger& log, int batch_no, const std::string& notes,
                                       store::TimePoint now) {
    auto found = repo.find_batch_by_slot(batch_no);
    if (!found) return std::move(found).error();
    if (!found->has_value()) {
        return make_error(store::Errc::not_found, fmt::format("no active batch in slot {}", batch_no));
    }
    const store::Batch& b = **found;
    auto jobs = repo.jobs_for_batch(b.id);
    if (!jobs) return std::move(jobs).error();
    if (std::any_of(jobs->begin(), jobs->end(), [](const store::Job& j) {
            return j.kind == store::JobKind::cancel && j.state == store::JobState::odoo_done;
        })) {
        return make_error(store::Errc::conflict,
                          fmt::format("batch #{} (MO: {}) is already being archived: Odoo cancelled it and the "
                                      "auto-cancel is archiving it",
                                      batch_no, b.mo_id));
    }
    const std::string text = notes.empty() ? std::string(batch::kManualCancelNote) : notes;
    auto archived = repo.archive_batch(b.id, store::ArchiveStatus::cancelled, text, now);
    if (!archived) return std::move(archived).error();
    log.log(LogLevel::info,
            fmt::format("Batch #{} (MO: {}) cancelled manually and archived to history: {}", batch_no, b.mo_id, text));
    return ManualCancelDone{batch_no, b.mo_id};
}

}  // namespace plcbridge::tasks
