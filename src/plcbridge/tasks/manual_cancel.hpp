#pragma once
/// The manual cancel (both ways stay available, as the feature asks: docs/CONTRACT.md "The auto-cancel"): archive the
/// batch in a PLC slot as `cancelled` with the operator's notes, through the same archive as the
/// auto-cancel. By default it does not call Odoo (as the feature's comparison table says).

#include <cstdint>
#include <string>

#include "plcbridge/core/logger.hpp"
#include "plcbridge/core/result.hpp"
#include "plcbridge/store/repository.hpp"

namespace plcbridge::tasks {

struct ManualCancelDone {
    int batch_no = 0;
    std::string mo_id;
};

struct ManualCancelQueued {
    int batch_no = 0;
    std::string mo_id;
    std::int64_t job_id = 0;
};

/// store::Errc::not_found for an empty slot (HTTP 404); store::Errc::conflict when the batch is
/// already being archived by the auto-cancel (Odoo cancelled it, the archive is pending: HTTP 409).
[[nodiscard]] Result<ManualCancelDone> manual_cancel(store::Repository& repo, Logger& log, int batch_no,
                                                     const std::string& notes, store::TimePoint now);

/// The manual cancel with cancel_in_odoo=true: a cancel job for the cancel worker, whose payload is
/// the operator's note, so the batch is archived with it once Odoo has cancelled the MO — the same
/// durable path as the auto-cancel. store::Errc::not_found for an empty slot; store::Errc::conflict
/// when a cancel of that batch is already under way.
[[nodiscard]] Result<ManualCancelQueued> request_odoo_cancel(store::Repository& repo, Logger& log, int batch_no,
                                                             const std::string& notes, store::TimePoint now);

}  // namespace plcbridge::tasks
