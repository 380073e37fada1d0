#pragma once
/// The Odoo simulator: Odoo 14 + grt_scada as docs/ODOO.md describes it — sessions (40-hex ids,
/// rotation at login, Set-Cookie on every dispatched answer), an MO store with section 4's state
/// rules, the verbatim messages of 2.10, fault knobs, a call log and a control API under /_sim/.
/// handle() is the whole server: request in, reply out; the HTTP server only moves bytes.
/// Thread-safe.

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace plcbridge::sim {

struct OdooRequest {
    std::string method;  ///< "POST", "GET"
    std::string path;
    std::string content_type;
    std::optional<std::string> session_id;  ///< from the Cookie header
    std::string body;
};

struct OdooReply {
    unsigned status = 200;
    std::string content_type = "application/json";
    std::string body;
    std::optional<std::string> set_session_id;
    std::chrono::milliseconds delay{0};  ///< wait this long after handling, before answering
    bool truncate = false;               ///< send half the body and close (a killed worker)
};

struct SimComponent {
    std::string product_name;
    double to_consume = 0;  ///< the BoM line quantity, as grt_scada reports it (not scaled to the MO)
    double consumed = 0;
    std::string equipment;  ///< "silo101", "lq114", "PLC01", or "" for none
    std::string uom = "kg";
    int product_id = 0;  ///< 0: given one by put_mo (the same name, the same id)
};

struct SimMo {
    std::string mo_id;
    std::string state = "confirmed";
    std::string product_name = "[10092] JF SAPOT";
    double quantity = 1000;
    double qty_producing = 0;
    std::vector<SimComponent> components;
    std::string uom = "kg";
    /// The BoM the MO was made from: 0 = put_mo makes one from the components, written for
    /// `bom_quantity` (0 = the MO's quantity); -1 = no BoM (bom_id null).
    int bom_id = 0;
    double bom_quantity = 0;
    std::string schedule_start;  ///< Odoo lists by schedule, then by id descending; "" = in order of put_mo
    std::string equipment;       ///< the MO's SCADA equipment ("PLC01") or "" (null)
    int id = 0;                  ///< Odoo's database id, given by put_mo
};

struct SimBomLine {
    int product_id = 0;
    std::string product_name;
    double quantity = 0;
    std::string uom = "kg";
};

/// A scada.equipment.failure record.
struct SimFailure {
    int id = 0;
    std::string equipment_code;
    std::string description;
    std::string date;  ///< as stored: "2026-03-04T10:26:55"
};

/// A bill of materials as POST /api/scada/boms answers it.
struct SimBom {
    int bom_id = 0;
    std::string product_name;
    double product_qty = 1000;
    std::string uom = "kg";
    bool active = true;  ///< an archived BoM is not listed (grt_scada filters active ones)
    std::vector<SimBomLine> lines;
};

struct OdooFaults {
    int proxy_error = 0;     ///< next N calls: a reverse proxy's 502 Bad Gateway HTML page, nothing applied
    int malformed_json = 0;  ///< next N calls: applied, then a body that is not JSON
    int truncate = 0;        ///< next N calls: applied, then half a body and a closed connection
    int delay_count = 0;     ///< next N calls (-1 = all): applied, then answered after delay_ms
    std::chrono::milliseconds delay{0};
    bool mark_done_false_success = false;  ///< mark-done says success but the MO stays open (a wizard)
    /// Next N grt_scada calls: nothing applied, {"status": "error", "message": odoo_error_message},
    /// as the module's catch-all answers a passing database error.
    int odoo_error = 0;
    std::string odoo_error_message = "could not serialize access due to concurrent update";
    /// Next N grt_scada calls: nothing applied, a JSON-RPC error 200 (Odoo's AccessError).
    int access_error = 0;
};

struct OdooSimOptions {
    std::string database = "odoo14";
    std::string login = "admin";
    std::string password = "admin";
};

class OdooSim {
  public:
    explicit OdooSim(OdooSimOptions options = {});

    [[nodiscard]] OdooReply handle(const OdooRequest& request);

    void put_mo(SimMo mo);
    void put_bom(SimBom bom);
    /// The MOs (and their BoMs) of a mo-list-detailed response as the plant's Odoo answered it
    /// (plant_mos.hpp by default): names, states, schedules, BoM lines, equipment as they are. The
    /// capture has no BoM quantities; the plant's BoMs are written for 1000 kg (every captured MO is
    /// 1000 kg and its lines' reservations equal the BoM lines). False when `response` is not one.
    bool load_plant_mos(std::string_view response);
    /// N confirmed MOs WH/MO/<first>.. made from the plant's MOs in turn (their names, BoM lines,
    /// equipment, lines on PLC01 included); every fourth a half batch (500 kg on its 1000 kg BoM),
    /// and the one made from "JF PLUS KUR" named "JF PLUS – KÜR" (not ASCII).
    void generate(int count, int first = 1);
    [[nodiscard]] std::optional<SimMo> mo(const std::string& mo_id) const;
    [[nodiscard]] std::optional<SimBom> bom(int bom_id) const;
    [[nodiscard]] std::vector<std::string> calls() const;
    [[nodiscard]] std::vector<SimFailure> failures() const;  ///< "path {params}" per call, oldest first
    void set_faults(const OdooFaults& faults);
    void expire_sessions();
    /// Calls `observer` with the path of every Odoo call once it is applied, before its answer
    /// leaves (under the lock; keep it short): the failover tests kill the caller right there.
    void on_applied(std::function<void(const std::string& path)> observer);

  private:
    OdooReply dispatch(const OdooRequest& request);
    std::string new_session_id();

    OdooSimOptions options_;
    mutable std::mutex mutex_;
    void put_mo_locked(SimMo mo);
    [[nodiscard]] std::vector<const SimMo*> listed(const std::vector<std::string>& states) const;

    std::map<std::string, SimMo> mos_;
    std::map<int, SimBom> boms_;
    std::map<std::string, int> product_ids_;  ///< product name -> id, for components without one
    int next_mo_id_ = 1;
    int next_bom_id_ = 1000;
    std::set<std::string> sessions_;  ///< logged-in session ids
    std::vector<std::string> calls_;
    std::vector<SimFailure> failures_;  ///< equipment failure reports received, in order
    OdooFaults faults_;
    std::function<void(const std::string&)> applied_observer_;
    std::mt19937_64 rng_{20261128};
};

}  // namespace plcbridge::sim
