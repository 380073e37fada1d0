#pragma once
/// The Odoo simulator: Odoo 14 + grt_scada as ODOO_CONTRACT.md describes it — sessions (40-hex ids,
/// rotation at login, Set-Cookie on every dispatched answer), an MO store with section 4's state
/// rules, the verbatim messages of 2.10, fault knobs, a call log and a control API under /_sim/.
/// handle() is the whole server: request in, reply out; the HTTP server only moves bytes.
/// Thread-safe.

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <string>
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
    double to_consume = 0;
    double consumed = 0;
    std::string equipment;  ///< "silo101", "lq114", "PLC01", or "" for none
};

struct SimMo {
    std::string mo_id;
    std::string state = "confirmed";
    std::string product_name = "[10092] JF SAPOT";
    double quantity = 1000;
    double qty_producing = 0;
    std::vector<SimComponent> components;
};

struct OdooFaults {
    int proxy_error = 0;     ///< next N calls: a reverse proxy's 502 Bad Gateway HTML page, nothing applied
    int malformed_json = 0;  ///< next N calls: applied, then a body that is not JSON
    int truncate = 0;        ///< next N calls: applied, then half a body and a closed connection
    int delay_count = 0;     ///< next N calls (-1 = all): applied, then answered after delay_ms
    std::chrono::milliseconds delay{0};
    bool mark_done_false_success = false;  ///< mark-done says success but the MO stays open (a wizard)
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
    /// N confirmed MOs WH/MO/<first>.. with components on the plant's silos and tanks, plus one
    /// additive on equipment the PLC does not have (PLC01).
    void generate(int count, int first = 1);
    [[nodiscard]] std::optional<SimMo> mo(const std::string& mo_id) const;
    [[nodiscard]] std::vector<std::string> calls() const;  ///< "path {params}" per call, oldest first
    void set_faults(const OdooFaults& faults);
    void expire_sessions();

  private:
    OdooReply dispatch(const OdooRequest& request);
    std::string new_session_id();

    OdooSimOptions options_;
    mutable std::mutex mutex_;
    std::map<std::string, SimMo> mos_;
    std::set<std::string> sessions_;  ///< logged-in session ids
    std::vector<std::string> calls_;
    std::vector<std::string> failures_;  ///< equipment failure reports received
    OdooFaults faults_;
    std::mt19937_64 rng_{20261128};
};

}  // namespace plcbridge::sim
