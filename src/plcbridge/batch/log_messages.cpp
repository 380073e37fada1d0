#include "plcbridge/batch/log_messages.hpp"

#include <fmt/format.h>

namespace plcbridge::batch {

std::string operator_cancel_note(std::string_view operator_name, std::string_view note) {
    std::string text = fmt::format("{} {}", kManualCancelNote, operator_name);
    if (!note.empty()) text += fmt::format(": {}", note);
    return text;
}

std::string failure_detected(int batch_no, std::string_view mo_id) {
    return fmt::format(
        "⚠️ BATCH FAILURE DETECTED: status_operation=1 for batch #{} (MO: {}). Initiating auto-cancel...", batch_no,
        mo_id);
}

std::string attempting_cancel(std::string_view mo_id) {
    return fmt::format("Attempting to cancel MO {} in Odoo...", mo_id);
}

std::string odoo_cancel_successful(int batch_no, std::string_view mo_id) {
    return fmt::format("✓ Odoo cancellation successful for batch #{} (MO: {})", batch_no, mo_id);
}

std::string cancelled_and_archived(int batch_no, std::string_view mo_id) {
    return fmt::format("✓✓ Batch #{} (MO: {}) cancelled and archived to history", batch_no, mo_id);
}

std::string failed_to_cancel(std::string_view mo_id, std::string_view odoo_message) {
    return fmt::format("✗ Failed to cancel MO {} in Odoo: {}", mo_id, odoo_message);
}

std::string failed_to_archive(int batch_no, std::string_view mo_id, std::string_view error) {
    return fmt::format("✗ Failed to archive cancelled batch #{} (MO: {}): {}", batch_no, mo_id, error);
}

std::string exception_during_auto_cancel(int batch_no, std::string_view mo_id, std::string_view error) {
    return fmt::format("✗ Exception during auto-cancel for batch #{} (MO: {}): {}", batch_no, mo_id, error);
}

std::string finished_and_failed(int batch_no, std::string_view mo_id) {
    return fmt::format(
        "Batch #{} (MO: {}) reports finished and failed in the same read: not cancelling a finished batch; "
        "status_operation=1 is kept on the batch for the operator",
        batch_no, mo_id);
}

}  // namespace plcbridge::batch
