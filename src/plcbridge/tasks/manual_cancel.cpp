#include "plcbridge/tasks/manual_cancel.hpp"

#include <algorithm>
#include <initializer_list>
#include <optional>

#include <fmt/format.h>

#include "plcbridge/batch/log_messages.hpp"
#include "plcbridge/store/errc.hpp"

namespace plcbridge::tasks {

namespace {

Result<store::Batch> batch_in_slot(store::Repository& repo, int batch_no) {
    auto found = repo.find_batch_by_slot(batch_no);
    if (!found) return std::move(found).error();
    if (!found->has_value()) {
        return make_error(store::Errc::not_found, fmt::format("no active batch in slot {}", batch_no));
    }
    return std::move(**found);
}

/// The batch's open cancel job in one of `states`, if any.
Result<std::optional<store::Job>> open_cancel_job(store::Repository& repo, std::int64_t batch_id,
                                                  std::initializer_list<store::JobState> states) {
    auto jobs = repo.jobs_for_batch(batch_id);
    if (!jobs) return std::move(jobs).error();
    for (const store::Job& j : *jobs) {
        if (j.kind == store::JobKind::cancel && std::find(states.begin(), states.end(), j.state) != states.end())
            return std::optional<store::Job>(j);
    }
    return std::optional<store::Job>();
}

std::string note_or_default(const std::string& notes) {
    return notes.empty() ? std::string(batch::kManualCancelNote) : notes;
}

}  // namespace

Result<ManualCancelDone> manual_cancel(store::Repository& repo, Logger& log, int batch_no, const std::string& notes,
                                       store::TimePoint now) {
    auto found = batch_in_slot(repo, batch_no);
    if (!found) return std::move(found).error();
    const store::Batch& b = *found;
    auto archiving = open_cancel_job(repo, b.id, {store::JobState::odoo_done});
    if (!archiving) return std::move(archiving).error();
    if (archiving->has_value()) {
        return make_error(store::Errc::conflict,
                          fmt::format("batch #{} (MO: {}) is already being archived: Odoo cancelled it and the "
                                      "auto-cancel is archiving it",
                                      batch_no, b.mo_id));
    }
    const std::string text = note_or_default(notes);
    auto archived = repo.archive_batch(b.id, store::ArchiveStatus::cancelled, text, now);
    if (!archived) return std::move(archived).error();
    log.log(LogLevel::info,
            fmt::format("Batch #{} (MO: {}) cancelled manually and archived to history: {}", batch_no, b.mo_id, text));
    return ManualCancelDone{batch_no, b.mo_id};
}

Result<ManualCancelQueued> request_odoo_cancel(store::Repository& repo, Logger& log, int batch_no,
                                               const std::string& notes, store::TimePoint now) {
    auto found = batch_in_slot(repo, batch_no);
    if (!found) return std::move(found).error();
    const store::Batch& b = *found;
    auto open = open_cancel_job(repo, b.id, {store::JobState::pending, store::JobState::odoo_done});
    if (!open) return std::move(open).error();
    if (open->has_value()) {
        return make_error(store::Errc::conflict,
                          fmt::format("batch #{} (MO: {}) is already being cancelled (job {}, {})", batch_no, b.mo_id,
                                      (*open)->id, store::job_state_name((*open)->state)));
    }
    const std::string text = note_or_default(notes);
    auto job = repo.create_job(store::JobKind::cancel, b.id, b.mo_id, text, now);
    if (!job) return std::move(job).error();
    log.log(LogLevel::info, fmt::format("Manual cancel of batch #{} (MO: {}) requested, cancelling in Odoo first: {}",
                                        batch_no, b.mo_id, text));
    return ManualCancelQueued{batch_no, b.mo_id, *job};
}

}  // namespace plcbridge::tasks
