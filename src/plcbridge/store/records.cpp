#include "plcbridge/store/records.hpp"

namespace plcbridge::store {

std::string_view archive_status_name(ArchiveStatus s) noexcept {
    return s == ArchiveStatus::completed ? "completed" : "cancelled";
}

std::string_view job_kind_name(JobKind k) noexcept {
    switch (k) {
        case JobKind::cancel: return "cancel";
        case JobKind::consumption: return "consumption";
        case JobKind::mark_done: return "mark_done";
        case JobKind::equipment_failure: return "equipment_failure";
    }
    return "?";
}

std::string_view job_state_name(JobState s) noexcept {
    switch (s) {
        case JobState::pending: return "pending";
        case JobState::odoo_done: return "odoo_done";
        case JobState::done: return "done";
        case JobState::refused: return "refused";
        case JobState::needs_attention: return "needs_attention";
    }
    return "?";
}

std::optional<JobKind> parse_job_kind(std::string_view text) noexcept {
    for (JobKind k : {JobKind::cancel, JobKind::consumption, JobKind::mark_done, JobKind::equipment_failure}) {
        if (job_kind_name(k) == text) return k;
    }
    return std::nullopt;
}

std::optional<JobState> parse_job_state(std::string_view text) noexcept {
    for (JobState s :
         {JobState::pending, JobState::odoo_done, JobState::done, JobState::refused, JobState::needs_attention}) {
        if (job_state_name(s) == text) return s;
    }
    return std::nullopt;
}

}  // namespace plcbridge::store
