#pragma once
/// Task 5, equipment failures: read the PLC's failure area through the memory map; a new event is
/// stored first (with its Odoo report job, atomically), then acknowledged to the PLC
/// (status_read_data = 1), then reported to Odoo (`/api/scada/equipment-failure`) from the job
/// table. The same event (equipment, text, time) is never stored or reported twice; an area that does
/// not decode is reported once and never acknowledged. Odoo's endpoint is not idempotent: a report
/// is recorded as done as soon as Odoo answers.

#include <string>

#include <boost/asio/awaitable.hpp>

#include "plcbridge/batch/backoff.hpp"
#include "plcbridge/core/logger.hpp"
#include "plcbridge/core/time_zone.hpp"
#include "plcbridge/memory_map/slot_area.hpp"
#include "plcbridge/odoo/odoo_client.hpp"
#include "plcbridge/odoo/outcome.hpp"
#include "plcbridge/plc/plc_client.hpp"
#include "plcbridge/store/db_worker.hpp"

namespace plcbridge::tasks {

struct EquipmentFailureSettings {
    std::string worker = "plcbridge";
    std::chrono::milliseconds lease{120000};
    batch::BackoffPolicy backoff;
    odoo::RetryPolicy odoo_retry;
    TimeZone plant_zone;  ///< the PLC's clock shows this zone's local time ([plc] time_zone)
};

class EquipmentFailureMonitor {
  public:
    EquipmentFailureMonitor(plc::PlcClient& plc, store::DbWorker& db, odoo::OdooClient& odoo,
                            const memory_map::SlotArea& failure_area, Logger& log, EquipmentFailureSettings settings)
        : plc_(plc), db_(db), odoo_(odoo), area_(failure_area), log_(log), settings_(std::move(settings)) {}

    /// Reads the area once; true when a new event was stored (its report is due).
    boost::asio::awaitable<bool> read_once(store::TimePoint now);
    /// Sends at most one due report to Odoo; 1 if it handled one. A report tried before (its answer
    /// may have been lost) is first looked up in Odoo: Odoo never gets the same event twice.
    boost::asio::awaitable<int> report_once(store::TimePoint now);

  private:
    /// One attempt at the job's report: what the job becomes.
    boost::asio::awaitable<store::JobOutcome> report(store::Job job, store::TimePoint now);
    store::JobOutcome retry_later(const store::Job& job, const std::string& code, const Error& error,
                                  store::TimePoint now);
    boost::asio::awaitable<void> record(std::int64_t job_id, store::JobOutcome outcome, store::TimePoint now);

    plc::PlcClient& plc_;
    store::DbWorker& db_;
    odoo::OdooClient& odoo_;
    const memory_map::SlotArea& area_;
    Logger& log_;
    EquipmentFailureSettings settings_;
    std::string reported_problem_;  ///< the undecodable area already reported
};

}  // namespace plcbridge::tasks
