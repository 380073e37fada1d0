#include "plcbridge/tasks/queue_plan.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "plcbridge/memory_map/text_fit.hpp"
#include "plcbridge/tasks/errc.hpp"
#include "plcbridge/tasks/recipe_scaling.hpp"

namespace plcbridge::tasks {

using plcbridge::Decimal;

std::string normalise_alias(std::string_view text) {
    std::string out;
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u)) out.push_back(static_cast<char>(std::tolower(u)));
    }
    return out;
}

bool belongs_to_line(const odoo::Mo& mo, const LineEquipment& line) {
    if (line.empty()) return true;
    return mo.equipment_code && line.contains(normalise_alias(*mo.equipment_code));
}

namespace {

/// The plant equipment code a component comes from, or "" when nothing matches.
std::string resolve(const odoo::Component& c, const std::vector<std::string>& codes, const EquipmentAliases& aliases) {
    if (c.equipment_code) {
        if (std::find(codes.begin(), codes.end(), *c.equipment_code) != codes.end()) return *c.equipment_code;
        if (auto it = aliases.find(normalise_alias(*c.equipment_code)); it != aliases.end()) return it->second;
    }
    if (auto it = aliases.find(normalise_alias(c.product_name)); it != aliases.end()) return it->second;
    return {};
}

/// "38.6" rather than "38.6000": quantities as an operator writes them.
std::string plain(const Decimal& d) {
    std::string text = d.to_string();
    if (text.find('.') == std::string::npos) return text;
    while (text.back() == '0')
        text.pop_back();
    if (text.back() == '.') text.pop_back();
    return text;
}

std::uint32_t scale_of(const memory_map::MemoryMap& map, const std::string& key) {
    const memory_map::FieldSpec* f = map.find(key);
    return f != nullptr ? f->scale : 100;
}

/// `text` as the map's ASCII field `key` takes it (its Overflow policy); a change is recorded.
Result<std::string> fit_field(const memory_map::MemoryMap& map, const std::string& key, const std::string& text,
                              std::vector<TextChange>& changes) {
    const memory_map::FieldSpec* f = map.find(key);
    if (f == nullptr || f->type != memory_map::DataType::ascii) return text;
    auto fitted = memory_map::fit_text(key, text, f->words * 2U, f->overflow);
    if (!fitted) return make_error(Errc::text_refused, fitted.error().detail);
    if (fitted->changed()) changes.push_back({key, text, fitted->plc});
    return std::move(fitted->plc);
}

/// The BoM an MO is scaled by, or why there is none.
Result<odoo::Bom> bom_of(const odoo::Mo& mo, const BomLookup& boms) {
    if (!mo.bom_id) {
        return make_error(Errc::no_bom, "the MO has no bill of materials in Odoo, so its targets cannot be scaled");
    }
    auto it = boms.find(*mo.bom_id);
    if (it == boms.end()) return make_error(Errc::no_bom, fmt::format("BoM {} was not read from Odoo", *mo.bom_id));
    if (!it->second) {
        return make_error(Errc::no_bom,
                          fmt::format("BoM {} cannot be read from Odoo: {}", *mo.bom_id, it->second.error().message()));
    }
    return *it->second;
}

/// The queue entry of `mo` in `slot`, or why it cannot be queued.
Result<QueueEntry> entry_for(const odoo::Mo& mo, const BomLookup& boms, const memory_map::SlotArea& area, int slot,
                             const EquipmentAliases& aliases) {
    const memory_map::MemoryMap& map = area.map();
    auto bom = bom_of(mo, boms);
    if (!bom) return std::move(bom).error();
    auto factor = batch_factor(mo, *bom);
    if (!factor) return std::move(factor).error();
    auto quantity = to_kg(mo.quantity, mo.uom, scale_of(map, "quantity"));
    if (!quantity) {
        Error e = std::move(quantity).error();
        e.detail = "the MO quantity " + e.detail;
        return e;
    }

    QueueEntry e;
    e.slot = slot;
    std::set<std::int64_t> bom_products;
    for (const odoo::BomLine& line : bom->components)
        if (line.product_id) bom_products.insert(*line.product_id);
    const std::vector<std::string> codes = map.equipment_codes();
    std::map<std::string, Decimal> targets;  // equipment code -> kg
    for (const odoo::Component& c : mo.components) {
        // A line from the BoM carries the BoM's quantity; a line Odoo made from a stock move outside
        // the BoM already carries the MO's own quantity.
        const bool from_bom = c.product_id && bom_products.contains(*c.product_id);
        Decimal planned = c.to_consume;
        if (from_bom) {
            auto scaled = scale_quantity(c.to_consume, *factor, 10000);
            if (!scaled) return std::move(scaled).error();
            planned = *scaled;
        }
        const std::string code = resolve(c, codes, aliases);
        if (code.empty()) {
            e.remarks.push_back(
                fmt::format("component {} ({} {}, equipment {}) is not on a PLC silo or tank: "
                            "dose it by hand",
                            c.product_name, plain(planned), c.uom, c.equipment_code.value_or("none")));
            continue;
        }
        auto kg = to_kg(planned, c.uom, scale_of(map, code + "_consumption"));
        if (!kg) {
            Error err = std::move(kg).error();
            err.detail = fmt::format("component {} on {}: {}", c.product_name, code, err.detail);
            return err;
        }
        if (!from_bom) {
            e.remarks.push_back(
                fmt::format("component {} on {} is not in BoM {}: Odoo's planned {} kg is dosed as it is",
                            c.product_name, code, bom->bom_id, plain(*kg)));
        }
        auto [it, inserted] = targets.try_emplace(code, *kg);
        if (!inserted) {
            it->second = Decimal{it->second.raw + kg->raw, kg->scale};
            e.remarks.push_back(fmt::format("two components on {}: targets added up", code));
        }
    }

    e.batch.batch_no = slot;
    e.batch.mo_id = mo.mo_id;
    e.batch.bom = mo.bom_code.empty() ? mo.product_name : mo.bom_code;
    e.batch.finished_goods = mo.product_name.empty() ? mo.mo_id : mo.product_name;
    e.batch.quantity = *quantity;
    e.recipe.batch_no = slot;
    auto mo_text = fit_field(map, "mo_id", mo.mo_id, e.text_changes);
    if (!mo_text) return std::move(mo_text).error();
    auto bom_text = fit_field(map, "bom", e.batch.bom, e.text_changes);
    if (!bom_text) return std::move(bom_text).error();
    auto goods_text = fit_field(map, "finished_goods", e.batch.finished_goods, e.text_changes);
    if (!goods_text) return std::move(goods_text).error();
    e.recipe.mo_id = std::move(*mo_text);
    e.recipe.bom = std::move(*bom_text);
    e.recipe.finished_goods = std::move(*goods_text);
    e.recipe.quantity = *quantity;
    for (const auto& [code, kg] : targets) {
        e.batch.lines.push_back({code, kg, Decimal{0, kg.scale}});
        e.recipe.targets.push_back({code, kg});
    }
    auto words = memory_map::encode_recipe(area, slot, e.recipe);
    if (!words) return make_error(Errc::value_unencodable, words.error().message());
    e.words = std::move(*words);
    return e;
}

}  // namespace

QueuePlan plan_queue(std::span<const odoo::Mo> confirmed, const BomLookup& boms,
                     const std::set<std::string>& active_or_archived, const memory_map::SlotArea& write_area,
                     const EquipmentAliases& aliases) {
    QueuePlan plan;
    std::set<std::string> seen;
    const int slots = write_area.slots();
    for (const odoo::Mo& mo : confirmed) {
        if (active_or_archived.contains(mo.mo_id)) {
            plan.skipped.push_back(mo.mo_id + ": already active or in mo_histories");
            continue;
        }
        if (!seen.insert(mo.mo_id).second) {
            plan.skipped.push_back(mo.mo_id + ": listed twice by Odoo");
            continue;
        }
        // MOs beyond the slots are still checked (at the last slot) so that their problems are known now.
        const bool has_slot = static_cast<int>(plan.entries.size()) < slots;
        const int slot = has_slot ? static_cast<int>(plan.entries.size()) + 1 : slots;
        auto entry = entry_for(mo, boms, write_area, slot, aliases);
        if (!entry) {
            plan.unqueued.push_back({mo.mo_id, entry.error().detail});
            continue;
        }
        if (!has_slot) {
            plan.skipped.push_back(mo.mo_id + ": no free slot in this queue (next queue)");
            continue;
        }
        plan.entries.push_back(std::move(*entry));
    }
    return plan;
}

}  // namespace plcbridge::tasks
