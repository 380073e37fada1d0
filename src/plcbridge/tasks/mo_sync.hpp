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

#include <string>

#include <boost/asio/awaitable.hpp>

#include "plcbridge/core/logger.hpp"
#include "plcbridge/memory_map/slot_area.hpp"
#include "plcbridge/odoo/odoo_client.hpp"
#include "plcbridge/plc/plc_client.hpp"
#include "plcbridge/store/db_worker.hpp"
#include "plcbridge/tasks/queue_plan.hpp"

namespace plcbridge::tasks {

struct MoSyncSettings {
    int fetch_limit = 50;  ///< confirmed MOs asked from Odoo per cycle (more than the slots: some are skipped)
    EquipmentAliases aliases;
};

struct MoSyncOutcome {
    int queued = 0;
    int adopted = 0;  ///< batches of a running queue the database had lost (stop between release and commit)
    int fins_writes = 0;
    std::string waiting;  ///< why nothing was queued although nothing failed (queue active, PLC busy, no MOs)
    std::string error;    ///< what failed; empty otherwise
};

class MoSync {
  public:
    MoSync(plc::PlcClient& plc, store::DbWorker& db, odoo::OdooClient& odoo, const memory_map::SlotArea& write_area,
           Logger& log, MoSyncSettings settings);

    boost::asio::awaitable<MoSyncOutcome> run_once(store::TimePoint now);

  private:
    /// A queue the PLC runs (D7076 = 0) while mo_batch is empty: its batches that are not archived
    /// were released but never stored (the service stopped in between); store them from the WRITE
    /// area. False (outcome.error set) when the database failed.
    boost::asio::awaitable<bool> adopt_running_queue(std::vector<std::uint16_t> words, store::TimePoint now,
                                                     MoSyncOutcome& outcome);
    /// Writes the queue and releases the handshake; false (with outcome.error set) when a write failed.
    boost::asio::awaitable<bool> write_queue(std::vector<QueueEntry> entries,
                                             std::vector<std::vector<std::uint16_t>> words, MoSyncOutcome& outcome);

    plc::PlcClient& plc_;
    store::DbWorker& db_;
    odoo::OdooClient& odoo_;
    const memory_map::SlotArea& area_;
    Logger& log_;
    MoSyncSettings settings_;
    std::uint16_t handshake_offset_ = 0;  ///< status_read_data of slot 1, from slot 1's first word
};

}  // namespace plcbridge::tasks
