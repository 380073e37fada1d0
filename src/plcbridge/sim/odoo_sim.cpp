#include "plcbridge/sim/odoo_sim.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace plcbridge::sim {

using Json = nlohmann::json;

namespace {

constexpr std::size_t kMaxCalls = 10000;
const std::set<std::string> kEquipment = {"silo101", "silo102", "silo103", "silo104", "silo105", "silo106",
                                          "silo107", "silo108", "silo109", "silo110", "silo111", "silo112",
                                          "silo113", "lq114",   "lq115",   "PLC01"};

OdooReply json_reply(const Json& id, const Json& result) {
    return OdooReply{200, "application/json", Json{{"jsonrpc", "2.0"}, {"id", id}, {"result", result}}.dump(), {}, {},
                     {}};
}

OdooReply rpc_error(const Json& id, int code, const std::string& message, const std::string& name,
                    const std::string& data_message, unsigned status = 200) {
    Json error = {{"code", code},
                  {"message", message},
                  {"data",
                   {{"name", name},
                    {"debug", "Traceback (most recent call last): ..."},
                    {"message", data_message},
                    {"arguments", {data_message}},
                    {"context", Json::object()}}}};
    return OdooReply{status, "application/json", Json{{"jsonrpc", "2.0"}, {"id", id}, {"error", error}}.dump(), {}, {},
                     {}};
}

OdooReply html(unsigned status, const std::string& text) {
    return OdooReply{
        status,
        "text/html; charset=utf-8",
        fmt::format("<!DOCTYPE html><html><head><title>{0}</title></head><body><h1>{0}</h1></body></html>", text),
        {},
        {},
        {}};
}

Json status_error(const std::string& message) {
    return Json{{"status", "error"}, {"message", message}};
}

Json equipment_json(const std::string& code) {
    if (code.empty()) return nullptr;
    const bool silo = code.starts_with("silo") || code.starts_with("lq");
    return Json{{"id", 1},
                {"code", code},
                {"name", code},
                {"equipment_type", silo ? "silo" : "plc"},
                {"manufacturer", false},
                {"protocol", "middleware"},
                {"is_active", true}};
}

Json bom_line_json(const SimBomLine& l) {
    return {{"product_id", l.product_id}, {"product_name", l.product_name}, {"quantity", l.quantity}, {"uom", l.uom}};
}

Json bom_json(const SimBom& b) {
    Json lines = Json::array();
    for (const SimBomLine& l : b.lines)
        lines.push_back(bom_line_json(l));
    return {{"bom_id", b.bom_id},
            {"bom_code", nullptr},
            {"product_tmpl_id", b.bom_id},
            {"product_tmpl_name", b.product_name},
            {"product_name", b.product_name},
            {"product_qty", b.product_qty},
            {"uom", b.uom},
            {"type", "normal"},
            {"components", lines}};
}

/// The MO as mo-list-detailed and mo-detail describe it: to_consume is the BoM line quantity.
Json mo_json(const SimMo& mo, const std::map<int, SimBom>& boms) {
    Json components = Json::array();
    Json bom = Json::array();
    if (auto b = boms.find(mo.bom_id); b != boms.end()) {
        for (const SimBomLine& l : b->second.lines)
            bom.push_back(bom_line_json(l));
    }
    for (const SimComponent& c : mo.components) {
        components.push_back({{"product_id", c.product_id},
                              {"product_name", c.product_name},
                              {"to_consume", c.to_consume},
                              {"reserved", c.to_consume},
                              {"consumed", c.consumed},
                              {"uom", c.uom},
                              {"equipment", equipment_json(c.equipment)}});
    }
    return Json{{"mo_id", mo.mo_id},
                {"reference", nullptr},
                {"state", mo.state},
                {"schedule_start", mo.schedule_start},
                {"equipment", equipment_json(mo.equipment)},
                {"product_name", mo.product_name},
                {"quantity", mo.quantity},
                {"produced_qty", mo.qty_producing},
                {"uom", mo.uom},
                {"bom_id", mo.bom_id > 0 ? Json(mo.bom_id) : Json(nullptr)},
                {"bom_code", mo.bom_id > 0 ? Json(false) : Json(nullptr)},
                {"bom_components", bom},
                {"components_consumption", components}};
}

/// Section 4's computed state after consumption was written.
void recompute_state(SimMo& mo) {
    if (mo.state == "done" || mo.state == "cancel") return;
    const bool consumed =
        std::any_of(mo.components.begin(), mo.components.end(), [](const SimComponent& c) { return c.consumed > 0; });
    if (mo.qty_producing >= mo.quantity && mo.qty_producing > 0) {
        mo.state = "to_close";
    } else if (mo.qty_producing > 0 || consumed) {
        mo.state = "progress";
    }
}

bool counts_down(int& counter) {
    if (counter == 0) return false;
    if (counter > 0) --counter;
    return true;
}

}  // namespace

OdooSim::OdooSim(OdooSimOptions options) : options_(std::move(options)) {}

std::string OdooSim::new_session_id() {
    std::string id;
    for (int i = 0; i < 5; ++i)
        id += fmt::format("{:08x}", static_cast<std::uint32_t>(rng_()));
    return id;
}

void OdooSim::put_mo(SimMo mo) {
    std::lock_guard lock(mutex_);
    put_mo_locked(std::move(mo));
}

void OdooSim::put_bom(SimBom bom) {
    std::lock_guard lock(mutex_);
    boms_[bom.bom_id] = std::move(bom);
}

void OdooSim::put_mo_locked(SimMo mo) {
    for (SimComponent& c : mo.components) {
        if (c.product_id == 0) {
            auto [it, added] = product_ids_.try_emplace(c.product_name, static_cast<int>(product_ids_.size()) + 5000);
            c.product_id = it->second;
        }
    }
    // An MO made without naming a BoM gets one written from its own lines.
    if (mo.bom_id == 0) mo.bom_id = next_bom_id_++;
    if (mo.bom_id > 0 && !boms_.contains(mo.bom_id)) {
        SimBom bom;
        bom.bom_id = mo.bom_id;
        bom.product_name = mo.product_name;
        bom.product_qty = mo.bom_quantity > 0 ? mo.bom_quantity : mo.quantity;
        bom.uom = mo.uom;
        for (const SimComponent& c : mo.components)
            bom.lines.push_back({c.product_id, c.product_name, c.to_consume, c.uom});
        boms_[bom.bom_id] = std::move(bom);
    }
    if (auto old = mos_.find(mo.mo_id); old != mos_.end()) {
        mo.id = old->second.id;
    } else {
        mo.id = next_mo_id_++;
    }
    if (mo.schedule_start.empty()) mo.schedule_start = fmt::format("2026-01-01T00:00:00.{:06}", mo.id);
    mos_[mo.mo_id] = std::move(mo);
}

std::vector<const SimMo*> OdooSim::listed(const std::vector<std::string>& states) const {
    std::vector<const SimMo*> out;
    for (const auto& [name, m] : mos_)
        if (std::find(states.begin(), states.end(), m.state) != states.end()) out.push_back(&m);
    // grt_scada's order: date_planned_start ascending, then id descending.
    std::sort(out.begin(), out.end(), [](const SimMo* a, const SimMo* b) {
        if (a->schedule_start != b->schedule_start) return a->schedule_start < b->schedule_start;
        return a->id > b->id;
    });
    return out;
}

std::optional<SimMo> OdooSim::mo(const std::string& mo_id) const {
    std::lock_guard lock(mutex_);
    auto it = mos_.find(mo_id);
    if (it == mos_.end()) return std::nullopt;
    return it->second;
}

std::vector<SimFailure> OdooSim::failures() const {
    std::lock_guard lock(mutex_);
    return failures_;
}

std::optional<SimBom> OdooSim::bom(int bom_id) const {
    std::lock_guard lock(mutex_);
    auto it = boms_.find(bom_id);
    if (it == boms_.end()) return std::nullopt;
    return it->second;
}

std::vector<std::string> OdooSim::calls() const {
    std::lock_guard lock(mutex_);
    return calls_;
}

void OdooSim::set_faults(const OdooFaults& faults) {
    std::lock_guard lock(mutex_);
    faults_ = faults;
}

void OdooSim::expire_sessions() {
    std::lock_guard lock(mutex_);
    sessions_.clear();
}

void OdooSim::on_applied(std::function<void(const std::string& path)> observer) {
    std::lock_guard lock(mutex_);
    applied_observer_ = std::move(observer);
}

OdooReply OdooSim::handle(const OdooRequest& request) {
    std::lock_guard lock(mutex_);
    if (!request.path.starts_with("/_sim/") && counts_down(faults_.proxy_error)) return html(502, "502 Bad Gateway");
    OdooReply reply = dispatch(request);
    if (request.path.starts_with("/_sim/")) return reply;
    if (applied_observer_) applied_observer_(request.path);
    if (counts_down(faults_.malformed_json)) {
        reply.body = R"({"jsonrpc": "2.0", "id": 1, "result": {"status": "succ)";
    } else if (counts_down(faults_.truncate)) {
        reply.truncate = true;
    }
    if (counts_down(faults_.delay_count)) reply.delay = faults_.delay;
    return reply;
}

OdooReply OdooSim::dispatch(const OdooRequest& request) {
    // Routes are matched without the query string; GET json routes read their filters from it.
    const std::string path = request.path.substr(0, request.path.find('?'));
    const std::string query =
        request.path.find('?') == std::string::npos ? std::string() : request.path.substr(request.path.find('?') + 1);

    // --- control API (tests, demo) ---
    if (path == "/_sim/mos" && request.method == "GET") {
        Json out = Json::array();
        for (const auto& [name, m] : mos_)
            out.push_back(mo_json(m, boms_));
        return OdooReply{200, "application/json", Json{{"mos", out}}.dump(), {}, {}, {}};
    }
    if (path == "/_sim/calls") return OdooReply{200, "application/json", Json{{"calls", calls_}}.dump(), {}, {}, {}};
    if (path == "/_sim/expire-sessions") {
        sessions_.clear();
        return OdooReply{200, "application/json", R"({"ok": true})", {}, {}, {}};
    }
    if (path == "/_sim/mos" || path == "/_sim/faults") {
        Json body = Json::parse(request.body, nullptr, false);
        if (body.is_discarded() || !body.is_object()) return html(400, "Invalid JSON data");
        if (path == "/_sim/faults") {
            faults_.proxy_error = body.value("proxy_error", 0);
            faults_.malformed_json = body.value("malformed_json", 0);
            faults_.truncate = body.value("truncate", 0);
            faults_.delay_count = body.value("delay_count", 0);
            faults_.delay = std::chrono::milliseconds(body.value("delay_ms", 0));
            faults_.mark_done_false_success = body.value("mark_done_false_success", false);
            faults_.odoo_error = body.value("odoo_error", 0);
            faults_.odoo_error_message = body.value("odoo_error_message", faults_.odoo_error_message);
            faults_.access_error = body.value("access_error", 0);
        } else {
            for (const Json& m : body.value("mos", Json::array())) {
                SimMo mo;
                mo.mo_id = m.value("mo_id", std::string());
                mo.state = m.value("state", std::string("confirmed"));
                mo.product_name = m.value("product_name", mo.product_name);
                mo.quantity = m.value("quantity", 1000.0);
                mo.uom = m.value("uom", mo.uom);
                mo.bom_id = m.value("bom_id", 0);
                mo.bom_quantity = m.value("bom_quantity", 0.0);
                mo.schedule_start = m.value("schedule_start", std::string());
                for (const Json& c : m.value("components", Json::array())) {
                    SimComponent sc;
                    sc.product_name = c.value("product_name", std::string());
                    sc.to_consume = c.value("to_consume", 0.0);
                    sc.equipment = c.value("equipment", std::string());
                    sc.uom = c.value("uom", sc.uom);
                    mo.components.push_back(std::move(sc));
                }
                put_mo_locked(std::move(mo));
            }
        }
        return OdooReply{200, "application/json", R"({"ok": true})", {}, {}, {}};
    }

    // --- Odoo: the framework's checks come first (docs/ODOO.md "The JSON-RPC envelope and the HTTP statuses") ---
    const bool get_route =
        path == "/api/scada/version" || (path == "/api/scada/equipment-failure" && request.method == "GET");
    if ((get_route && request.method != "GET") || (!get_route && request.method != "POST")) {
        return html(405, "405 Method Not Allowed");
    }
    if (!request.content_type.starts_with("application/json")) {
        return html(400, "400 Bad Request: Session expired (invalid CSRF token)");
    }
    Json body = Json::parse(request.body, nullptr, false);
    if (body.is_discarded()) return html(400, "400 Bad Request: Invalid JSON data");
    const Json id = body.is_object() && body.contains("id") ? body["id"] : Json(nullptr);
    Json params =
        body.is_object() && body.contains("params") && body["params"].is_object() ? body["params"] : Json::object();
    if (calls_.size() < kMaxCalls) {
        Json logged = params;
        if (logged.contains("password")) logged["password"] = "***";
        calls_.push_back(request.path + " " + logged.dump());  // with the query string of GET routes
    }

    if (path == "/web/session/authenticate") {
        if (params.value("db", std::string()) != options_.database ||
            params.value("login", std::string()) != options_.login ||
            params.value("password", std::string()) != options_.password) {
            OdooReply r = rpc_error(id, 200, "Odoo Server Error", "odoo.exceptions.AccessDenied", "Access Denied");
            r.set_session_id = new_session_id();
            return r;
        }
        const std::string sid = new_session_id();  // rotation: the old id (if any) is forgotten
        if (request.session_id) sessions_.erase(*request.session_id);
        sessions_.insert(sid);
        OdooReply r = json_reply(
            id, Json{{"uid", 2}, {"db", options_.database}, {"username", options_.login}, {"server_version", "14.0"}});
        r.set_session_id = sid;
        return r;
    }

    const bool known = path == "/api/scada/mo-list-detailed" || path == "/api/scada/boms" ||
                       path == "/api/scada/mo-detail" || path == "/api/scada/mo/update-with-consumptions" ||
                       path == "/api/scada/mo/mark-done" || path == "/api/scada/mo/cancel" ||
                       path == "/api/scada/equipment-failure" || get_route;
    if (!known)
        return rpc_error(id, 404, "404: Not Found", "werkzeug.exceptions.NotFound",
                         "The requested URL was not found on the server.", 404);

    if (!get_route && (!request.session_id || !sessions_.contains(*request.session_id))) {
        OdooReply r =
            rpc_error(id, 100, "Odoo Session Expired", "odoo.http.SessionExpiredException", "Session expired");
        r.set_session_id = new_session_id();
        return r;
    }
    auto reply = [&](const Json& result) {
        OdooReply r = json_reply(id, result);
        r.set_session_id = request.session_id;
        return r;
    };
    if (path == "/api/scada/version")
        return reply(Json{{"status", "success"}, {"version", "14.0.7.2.1"}, {"name", "SCADA for Odoo"}});
    if (get_route) {
        // GET /api/scada/equipment-failure: filters from the query string, newest first.
        std::string wanted_code;
        for (std::size_t at = 0; at <= query.size();) {
            const std::size_t end = std::min(query.find('&', at), query.size());
            const std::string pair = query.substr(at, end - at);
            if (pair.starts_with("equipment_code=")) wanted_code = pair.substr(15);
            at = end + 1;
        }
        Json data = Json::array();
        for (auto it = failures_.rbegin(); it != failures_.rend(); ++it) {
            if (!wanted_code.empty() && it->equipment_code != wanted_code) continue;
            data.push_back({{"id", it->id},
                            {"equipment_code", it->equipment_code},
                            {"description", it->description},
                            {"date", it->date},
                            {"reported_by", "middleware"}});
        }
        return reply(Json{{"status", "success"}, {"count", data.size()}, {"data", data}});
    }
    // Odoo's own failures, after authentication and before the handler changes anything.
    if (counts_down(faults_.odoo_error)) return reply(status_error(faults_.odoo_error_message));
    if (counts_down(faults_.access_error)) {
        OdooReply r = rpc_error(id, 200, "Odoo Server Error", "odoo.exceptions.AccessError",
                                "Sorry, you are not allowed to modify this document.");
        r.set_session_id = request.session_id;
        return r;
    }

    const std::string mo_id = params.value("mo_id", std::string());
    auto found = mos_.find(mo_id);

    if (path == "/api/scada/mo-list-detailed") {
        std::vector<std::string> states = {"confirmed"};
        if (params.contains("states") && params["states"].is_array()) {
            states.clear();
            for (const Json& s : params["states"]) {
                if (s.is_string()) states.push_back(s.get<std::string>());
            }
        }
        const int limit =
            params.contains("limit") && params["limit"].is_number_integer() ? params["limit"].get<int>() : 10;
        const int offset =
            params.contains("offset") && params["offset"].is_number_integer() ? params["offset"].get<int>() : 0;
        Json data = Json::array();
        int skipped = 0;
        for (const SimMo* m : listed(states)) {
            if (skipped++ < offset) continue;
            if (static_cast<int>(data.size()) >= limit) break;
            data.push_back(mo_json(*m, boms_));
        }
        return reply(Json{{"status", "success"}, {"count", data.size()}, {"data", data}});
    }
    if (path == "/api/scada/boms") {
        // grt_scada's get_bom_list_json: int() of the filters, active BoMs only, a plain list.
        const Json bom_param = params.value("bom_id", Json());
        std::optional<int> bom_filter;
        if (bom_param.is_number_integer() && bom_param.get<int>() != 0) bom_filter = bom_param.get<int>();
        if (bom_param.is_string() && !bom_param.get<std::string>().empty()) {
            const std::string text = bom_param.get<std::string>();
            if (!std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
                return reply(status_error("Invalid bom_id"));
            bom_filter = std::stoi(text);
        }
        Json list = Json::array();
        for (const auto& [bid, b] : boms_) {
            if (!b.active || (bom_filter && bid != *bom_filter)) continue;
            if (list.size() >= 100) break;
            list.push_back(bom_json(b));
        }
        return reply(list);
    }
    if (path == "/api/scada/mo-detail") {
        if (mo_id.empty()) return reply(status_error("mo_id is required"));
        if (found == mos_.end()) return reply(status_error("MO not found: " + mo_id));
        return reply(Json{{"status", "success"}, {"data", mo_json(found->second, boms_)}});
    }
    if (path == "/api/scada/mo/cancel") {
        if (mo_id.empty()) return reply(status_error("mo_id is required"));
        if (found == mos_.end()) return reply(status_error("MO not found: " + mo_id));
        SimMo& m = found->second;
        if (m.state == "cancel") {
            return reply(Json{{"status", "success"},
                              {"message", "Manufacturing order already cancelled"},
                              {"mo_id", mo_id},
                              {"mo_state", "cancel"}});
        }
        if (m.state == "done")
            return reply(status_error(fmt::format("Cannot cancel MO \"{}\" in state \"done\"", mo_id)));
        m.state = "cancel";
        return reply(Json{{"status", "success"},
                          {"message", "Manufacturing order cancelled successfully"},
                          {"mo_id", mo_id},
                          {"mo_state", "cancel"}});
    }
    if (path == "/api/scada/mo/update-with-consumptions") {
        if (mo_id.empty()) return reply(status_error("mo_id is required"));
        if (found == mos_.end()) return reply(status_error(fmt::format("Manufacturing Order \"{}\" not found", mo_id)));
        SimMo& m = found->second;
        if (m.state == "done" || m.state == "cancel") {
            return reply(status_error(fmt::format("Cannot update MO \"{}\" in state \"{}\"", mo_id, m.state)));
        }
        Json result = {{"status", "success"}, {"mo_id", mo_id}};
        Json errors = Json::array();
        Json items = Json::array();
        for (const auto& [key, value] : params.items()) {
            if (key == "mo_id" || key == "context") continue;
            if (key == "quantity" || key == "finished_qty") {
                if (!value.is_number() || value.get<double>() <= 0) {
                    return reply(status_error("Finished quantity must be greater than 0"));
                }
                m.qty_producing = value.get<double>();
                result["updated_finished_qty"] = m.qty_producing;
                continue;
            }
            if (!value.is_number()) {
                errors.push_back(fmt::format("{}: Invalid quantity value \"{}\"", key, value.dump()));
                continue;
            }
            if (value.get<double>() <= 0) continue;  // skipped silently, as grt_scada does
            if (!kEquipment.contains(key)) {
                errors.push_back(key + ": Equipment not found");
                continue;
            }
            auto c = std::find_if(m.components.begin(), m.components.end(),
                                  [&](const SimComponent& sc) { return sc.equipment == key; });
            if (c == m.components.end()) {
                errors.push_back(key + ": No raw material move found for this equipment");
                continue;
            }
            c->consumed = value.get<double>();  // replace, not add
            items.push_back({{"equipment_code", key}, {"applied_qty", c->consumed}, {"products", {c->product_name}}});
        }
        recompute_state(m);
        result["consumed_items"] = items;
        result["mo_state"] = m.state;
        result["message"] = errors.empty() ? "MO updated successfully" : "MO updated with some errors";
        if (!errors.empty()) result["errors"] = errors;
        return reply(result);
    }
    if (path == "/api/scada/mo/mark-done") {
        if (mo_id.empty()) return reply(status_error("mo_id is required"));
        if (found == mos_.end()) return reply(status_error("MO not found: " + mo_id));
        if (!params.contains("finished_qty")) return reply(status_error("finished_qty is required"));
        if (!params["finished_qty"].is_number()) return reply(status_error("finished_qty must be a number"));
        if (params["finished_qty"].get<double>() <= 0) return reply(status_error("finished_qty must be > 0"));
        SimMo& m = found->second;
        if (m.state == "done" || m.state == "cancel")
            return reply(status_error("No finished product move found for this MO"));
        if (m.qty_producing <= 0) return reply(status_error("The quantity to produce must be positive!"));
        // Stock mark-done stops at a backorder wizard when less than planned was produced.
        if (!faults_.mark_done_false_success && m.qty_producing >= m.quantity) m.state = "done";
        return reply(Json{{"status", "success"},
                          {"message", "Manufacturing order marked as done"},
                          {"mo_id", mo_id},
                          {"auto_consumed", 0},
                          {"materials", Json::array()}});
    }
    // equipment-failure
    const std::string code = params.value("equipment_code", std::string());
    if (code.empty()) return reply(status_error("equipment_code is required"));
    if (params.value("description", std::string()).empty()) return reply(status_error("description is required"));
    if (!kEquipment.contains(code)) return reply(status_error(fmt::format("Equipment \"{}\" not found", code)));
    const std::string date = params.value("date", std::string());
    const bool t_form = date.size() == 16 && date[10] == 'T';  // YYYY-MM-DDTHH:MM is accepted
    if (!date.empty() && !t_form && (date.size() != 19 || date[4] != '-' || date[10] != ' ')) {
        return reply(status_error("Invalid date format. Use YYYY-MM-DD HH:MM:SS or YYYY-MM-DDTHH:MM"));
    }
    std::string stored_date = date;
    if (stored_date.size() >= 16) stored_date[10] = 'T';
    if (stored_date.size() == 16) stored_date += ":00";
    failures_.push_back(
        {static_cast<int>(failures_.size()) + 1, code, params.value("description", std::string()), stored_date});
    return reply(Json{{"status", "success"},
                      {"message", "Equipment failure report created"},
                      {"data",
                       {{"id", failures_.size()},
                        {"equipment_code", code},
                        {"description", params["description"]},
                        {"date", stored_date}}}});
}

}  // namespace plcbridge::sim
