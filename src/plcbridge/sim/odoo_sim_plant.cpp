// The Odoo simulator's plant data: the MOs of a captured mo-list-detailed response, and MOs made
// from them (OdooSim::load_plant_mos, OdooSim::generate).
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "plcbridge/sim/odoo_sim.hpp"
#include "plcbridge/sim/plant_mos.hpp"

namespace plcbridge::sim {

using Json = nlohmann::json;

namespace {

std::string text_or_empty(const Json& object, const char* key) {
    return object.contains(key) && object[key].is_string() ? object[key].get<std::string>() : std::string();
}

/// The MOs of a mo-list-detailed response, with the BoMs their lines come from.
std::optional<std::pair<std::vector<SimMo>, std::vector<SimBom>>> parse_plant(std::string_view response) {
    const Json doc = Json::parse(response, nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) return std::nullopt;
    const Json& result = doc.contains("result") ? doc["result"] : doc;
    if (!result.is_object() || !result.contains("data") || !result["data"].is_array()) return std::nullopt;
    std::vector<SimMo> mos;
    std::vector<SimBom> boms;
    for (const Json& item : result["data"]) {
        SimMo mo;
        mo.mo_id = text_or_empty(item, "mo_id");
        mo.state = text_or_empty(item, "state");
        mo.product_name = text_or_empty(item, "product_name");
        mo.quantity = item.value("quantity", 0.0);
        mo.uom = text_or_empty(item, "uom");
        mo.schedule_start = text_or_empty(item, "schedule_start");
        mo.bom_id = item.contains("bom_id") && item["bom_id"].is_number_integer() ? item["bom_id"].get<int>() : -1;
        if (item.contains("equipment") && item["equipment"].is_object())
            mo.equipment = text_or_empty(item["equipment"], "code");
        for (const Json& c : item.value("components_consumption", Json::array())) {
            SimComponent sc;
            sc.product_id = c.value("product_id", 0);
            sc.product_name = text_or_empty(c, "product_name");
            sc.to_consume = c.value("to_consume", 0.0);
            sc.uom = text_or_empty(c, "uom");
            if (c.contains("equipment") && c["equipment"].is_object())
                sc.equipment = text_or_empty(c["equipment"], "code");
            mo.components.push_back(std::move(sc));
        }
        if (mo.bom_id > 0) {
            SimBom bom;
            bom.bom_id = mo.bom_id;
            bom.product_name = mo.product_name;
            bom.product_qty = 1000;  // see load_plant_mos
            bom.uom = mo.uom;
            for (const Json& l : item.value("bom_components", Json::array()))
                bom.lines.push_back({l.value("product_id", 0), text_or_empty(l, "product_name"),
                                     l.value("quantity", 0.0), text_or_empty(l, "uom")});
            boms.push_back(std::move(bom));
        }
        mos.push_back(std::move(mo));
    }
    return std::pair{std::move(mos), std::move(boms)};
}

}  // namespace

bool OdooSim::load_plant_mos(std::string_view response) {
    auto plant = parse_plant(response);
    if (!plant) return false;
    std::lock_guard lock(mutex_);
    for (SimBom& b : plant->second)
        boms_.try_emplace(b.bom_id, std::move(b));
    for (SimMo& m : plant->first)
        put_mo_locked(std::move(m));
    return true;
}

void OdooSim::generate(int count, int first) {
    auto plant = parse_plant(plant_mo_list_response());
    if (!plant || plant->first.empty()) return;
    std::lock_guard lock(mutex_);
    for (SimBom& b : plant->second)
        boms_.try_emplace(b.bom_id, std::move(b));
    const std::vector<SimMo>& recipes = plant->first;
    for (int i = 0; i < count; ++i) {
        const int n = first + i;
        SimMo mo = recipes[static_cast<std::size_t>(i) % recipes.size()];
        mo.mo_id = fmt::format("WH/MO/{:05}", n);
        mo.state = "confirmed";
        mo.qty_producing = 0;
        mo.schedule_start = fmt::format("2026-03-{:02}T{:02}:{:02}:00", 1 + n / 1440 % 28, n / 60 % 24, n % 60);
        if (i % 4 == 3) mo.quantity = mo.quantity / 2;  // a half batch on the full BoM
        if (mo.product_name == "JF PLUS KUR") mo.product_name = "JF PLUS \u2013 K\u00dcR";
        put_mo_locked(std::move(mo));
    }
}

}  // namespace plcbridge::sim
