#pragma once
/// Task 1, Odoo -> mo_batch -> PLC WRITE area. Runs only when no queue is active (mo_batch empty)
/// and the PLC is ready for one (the handshake word D7076 = 1, or the whole WRITE area clean). The
/// write protocol never lets the PLC start on a half-written queue:
///   1. each queued slot in one FINS write of its whole record (status words 0), slot 1's
///      handshake word held at 1; each unused slot cleared in one write;
///   2. only when every write succeeded, the handshake word = 0 (the PLC may start);
///   3. only then the queue is stored in mo_batch, in one transaction.
/// A failed write stops there: the handshake stays 1, nothing is stored, the next cycle writes the
/// whole queue again. At most slots + 1 FINS writes per queue (the existing system needed 381).
/// The one window left, a stop between the release and the commit, is closed on the next cycle:
/// a running queue that the database does not hold is adopted from the WRITE area.
///
/// Every cycle reads every confirmed MO (page by page) and their BoMs, even while a queue runs, so
/// that an MO that cannot be queued is known, reported once and listed for /api/health until it is
/// queued or leaves the confirmed list. Nothing repeats in the log: each reason once when it first
/// appears, each failing dependency (PLC, Odoo, database) once per outage.

#include <map>
#include <set>
#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "plcbridge/core/logger.hpp"
#include "plcbridge/memory_map/slot_area.hpp"
#include "plcbridge/odoo/odoo_client.hpp"
#include "plcbridge/plc/plc_client.hpp"
#include "plcbridge/store/db_worker.hpp"
#include "plcbridge/tasks/queue_plan.hpp"

namespace plcbridge::tasks {

struct MoSyncSettings {
    int page_size = 50;  ///< confirmed MOs asked from Odoo per mo-list-detailed call
    int max_pages = 20;  ///< pages read per cycle at most (a runaway list must not stall the task)
    EquipmentAliases aliases;
    /// Which confirmed MOs are this line's (by the MO's equipment code); empty: all of them.
    LineEquipment line_equipment;
};

struct MoSyncOutcome {
    int queued = 0;
    int adopted = 0;  ///< batches of a running queue the database had lost (stop between release and commit)
    int fins_writes = 0;
    std::string waiting;         ///< why nothing was queued although nothing failed (queue active, PLC busy, no MOs)
    std::optional<Error> error;  ///< what failed
};

class MoSync {
  public:
    MoSync(plc::PlcClient& plc, store::DbWorker& db, odoo::OdooClient& odoo, const memory_map::SlotArea& write_area,
           Logger& log, MoSyncSettings settings);

    boost::asio::awaitable<MoSyncOutcome> run_once(store::TimePoint now);

    /// The confirmed MOs that cannot be queued, in Odoo's order, with why and since when.
    [[nodiscard]] std::vector<UnqueuedMoStatus> unqueued() const;
    /// Odoo as Task 1's client last saw it (health).
    [[nodiscard]] const LinkStatus& odoo_link() const noexcept { return odoo_.link(); }

  private:
    /// Every confirmed MO, page after page until Odoo answers a short page (or max_pages).
    boost::asio::awaitable<Result<std::vector<odoo::Mo>>> fetch_confirmed();
    /// The BoM of every MO that may be queued; Odoo's refusals are kept per BoM, an outage fails all.
    boost::asio::awaitable<Result<BomLookup>> fetch_boms(const std::vector<odoo::Mo>& mos,
                                                         const std::set<std::string>& skip);
    /// Remembers and reports (once) the MOs that cannot be queued; forgets those that left the list.
    void note_unqueued(const std::vector<odoo::Mo>& confirmed, const QueuePlan& plan, store::TimePoint now);
    /// Logs a failing dependency once per outage, and when it answers again.
    void note_failure(const std::string& what, const std::string& error);
    void note_success(const std::string& what);
    MoSyncOutcome failed(MoSyncOutcome outcome, const std::string& what, const Error& error);

    /// A queue the PLC runs (D7076 = 0) while mo_batch is empty: its batches that are not archived
    /// were released but never stored (the service stopped in between); store them from the WRITE
    /// area. False (outcome.error set) when the database failed.
    boost::asio::awaitable<bool> adopt_running_queue(std::vector<std::uint16_t> words, store::TimePoint now,
                                                     MoSyncOutcome& outcome);
    /// Writes the queue and releases the handshake; false (with outcome.error set) when a write failed.
    /// The PLC ready for a new queue: the handshake word 1, or the whole WRITE area clean. When not,
    /// `outcome` says why (waiting, or the PLC's error).
    boost::asio::awaitable<bool> plc_ready(store::TimePoint now, MoSyncOutcome& outcome);
    boost::asio::awaitable<bool> write_queue(std::vector<QueueEntry> entries, MoSyncOutcome& outcome);
    /// The released queue into mo_batch, one transaction.
    boost::asio::awaitable<void> store_queue(std::vector<QueueEntry> entries, store::TimePoint now,
                                             MoSyncOutcome& outcome);
    void log_queued(const std::vector<QueueEntry>& entries, const MoSyncOutcome& outcome);

    plc::PlcClient& plc_;
    store::DbWorker& db_;
    odoo::OdooClient& odoo_;
    const memory_map::SlotArea& area_;
    Logger& log_;
    MoSyncSettings settings_;
    std::uint16_t handshake_offset_ = 0;           ///< status_read_data of slot 1, from slot 1's first word
    std::vector<UnqueuedMoStatus> unqueued_;       ///< in Odoo's order
    std::set<std::string> text_changes_reported_;  ///< MOs whose shortened texts were logged
    std::set<std::string> not_of_any_line_;        ///< MOs without equipment, said once each
    std::map<std::string, std::string> failing_;   ///< "PLC"/"Odoo"/"database" -> the error logged for it
};

}  // namespace plcbridge::tasks
