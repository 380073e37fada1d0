#pragma once
/// Task 5, equipment failures: read the PLC's failure area through the memory map; a new event is
/// stored first (with its Odoo report job, atomically), then acknowledged to the PLC
/// (status_read_data = 1), then reported to Odoo (`/api/scada/equipment-failure`) from the job
/// table. The same event (equipment, text, time) is never stored or reported twice; an area that does
/// not decode is reported once and never acknowledged. Odoo's endpoint is not idempotent: a report
/// is recorded as done as soon as Odoo answers.

#include <optional>
#include <string>

#include <boost/asio/awaitable.hpp>

#include "plcbridge/core/episode_reporter.hpp"
#include "plcbridge/core/logger.hpp"
#include "plcbridge/core/time_zone.hpp"
#include "plcbridge/memory_map/slot_area.hpp"
#include "plcbridge/odoo/odoo_client.hpp"
#include "plcbridge/plc/plc_client.hpp"
#include "plcbridge/store/db_worker.hpp"
#include "plcbridge/tasks/job_runner.hpp"

namespace plcbridge::tasks {

struct EquipmentFailureSettings {
    JobSettings jobs;
    TimeZone plant_zone;  ///< the PLC's clock shows this zone's local time ([plc] time_zone)
};

class EquipmentFailureMonitor final : private JobKindSteps {
  public:
    EquipmentFailureMonitor(plc::PlcClient& plc, store::DbWorker& db, odoo::OdooClient& odoo,
                            const memory_map::SlotArea& failure_area, Logger& log, EquipmentFailureSettings settings)
        : plc_(plc),
          db_(db),
          odoo_(odoo),
          area_(failure_area),
          log_(log),
          plant_zone_(std::move(settings.plant_zone)),
          store_outage_(log),
          runner_(db, log, std::move(settings.jobs), *this, store_outage_) {}
    // The runner holds a reference to this object's steps: it stays where it was built.
    EquipmentFailureMonitor(const EquipmentFailureMonitor&) = delete;
    EquipmentFailureMonitor& operator=(const EquipmentFailureMonitor&) = delete;

    /// Reads the area once; true when a new event was stored (its report is due).
    boost::asio::awaitable<bool> read_once(store::TimePoint now);
    /// Sends the due reports to Odoo, each at a fresh clock(); how many it handled. A report tried
    /// before (its answer may have been lost) is first looked up in Odoo: Odoo never gets the same event twice.
    boost::asio::awaitable<int> report_due(JobRunner::Clock clock) { return runner_.run(std::move(clock)); }
    /// The same, all at `now` (tests drive time by hand).
    boost::asio::awaitable<int> report_once(store::TimePoint now) {
        return runner_.run([now] { return now; });
    }

    /// Odoo as the failure reports' client last saw it (health).
    [[nodiscard]] const LinkStatus& odoo_link() const noexcept { return odoo_.link(); }

  private:
    [[nodiscard]] store::JobKind kind() const noexcept override { return store::JobKind::equipment_failure; }
    [[nodiscard]] std::string_view label() const noexcept override { return "equipment failure reports"; }
    [[nodiscard]] bool about_a_batch() const noexcept override { return false; }
    boost::asio::awaitable<batch::JobStep> call_odoo(store::Job job, std::optional<store::Batch> batch,
                                                     store::TimePoint now) override;

    plc::PlcClient& plc_;
    store::DbWorker& db_;
    odoo::OdooClient& odoo_;
    const memory_map::SlotArea& area_;
    Logger& log_;
    TimeZone plant_zone_;
    EpisodeReporter store_outage_;  ///< the job table unreadable, said once per outage
    JobRunner runner_;
    std::string reported_problem_;  ///< the undecodable area already reported
};

}  // namespace plcbridge::tasks
