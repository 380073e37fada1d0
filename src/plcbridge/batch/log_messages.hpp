#pragma once
/// The feature document's log lines, word for word (docs/CONTRACT.md "Log file"
/// and the texts its "Monitoring & Alerts" section greps for). One place, so the wording cannot drift.

#include <string>
#include <string_view>

namespace plcbridge::batch {

/// The note stored with an auto-cancelled batch in mo_histories.
inline constexpr std::string_view kAutoCancelNote = "Auto-cancelled: status_operation=1 (failed) detected from PLC";
/// The default note of the manual cancel.
inline constexpr std::string_view kManualCancelNote = "Manually cancelled by operator";

/// The note of a manual cancel made by a named console operator: "Manually cancelled by operator
/// budi" and, when they wrote one, ": " and their note. The history row so names who did it.
[[nodiscard]] std::string operator_cancel_note(std::string_view operator_name, std::string_view note);

// WARNING
[[nodiscard]] std::string failure_detected(int batch_no, std::string_view mo_id);
// INFO
[[nodiscard]] std::string attempting_cancel(std::string_view mo_id);
// INFO
[[nodiscard]] std::string odoo_cancel_successful(int batch_no, std::string_view mo_id);
// INFO
[[nodiscard]] std::string cancelled_and_archived(int batch_no, std::string_view mo_id);
// ERROR
[[nodiscard]] std::string failed_to_cancel(std::string_view mo_id, std::string_view odoo_message);
// ERROR
[[nodiscard]] std::string failed_to_archive(int batch_no, std::string_view mo_id, std::string_view error);
// ERROR
[[nodiscard]] std::string exception_during_auto_cancel(int batch_no, std::string_view mo_id, std::string_view error);
// WARNING: the PLC reported finished and failed in the same read; nothing is cancelled.
[[nodiscard]] std::string finished_and_failed(int batch_no, std::string_view mo_id);

}  // namespace plcbridge::batch
