#include "plcbridge/tasks/queue_plan.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

namespace plcbridge::tasks {

using memory_map::Decimal;

std::string normalise_alias(std::string_view text) {
    std::string out;
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u)) out.push_back(static_cast<char>(std::tolower(u)));
    }
    return out;
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

}  // namespace

QueuePlan plan_queue(std::span<const odoo::Mo> confirmed, const std::set<std::string>& active_or_archived, int slots,
                     const std::vector<std::string>& equipment_codes, const EquipmentAliases& aliases) {
    QueuePlan plan;
    std::set<std::string> taken;
    for (const odoo::Mo& mo : confirmed) {
        if (active_or_archived.contains(mo.mo_id)) {
            plan.skipped.push_back(mo.mo_id + ": already active or in mo_histories");
            continue;
        }
        if (!taken.insert(mo.mo_id).second) {
            plan.skipped.push_back(mo.mo_id + ": listed twice by Odoo");
            continue;
        }
        if (static_cast<int>(plan.entries.size()) >= slots) {
            plan.skipped.push_back(mo.mo_id + ": no free slot in this queue (next queue)");
            continue;
        }
        QueueEntry e;
        e.slot = static_cast<int>(plan.entries.size()) + 1;
        std::map<std::string, Decimal> targets;  // equipment code -> kg
        for (const odoo::Component& c : mo.components) {
            const std::string code = resolve(c, equipment_codes, aliases);
            if (code.empty()) {
                e.remarks.push_back(
                    fmt::format("component {} ({} kg, equipment {}) is not on a PLC silo or tank: "
                                "dose it by hand",
                                c.product_name, c.to_consume.to_string(), c.equipment_code.value_or("none")));
                continue;
            }
            auto [it, inserted] = targets.try_emplace(code, c.to_consume);
            if (!inserted) {
                const auto a = it->second.rescaled(100);
                const auto b = c.to_consume.rescaled(100);
                if (a && b) it->second = Decimal{a->raw + b->raw, 100};
                e.remarks.push_back(fmt::format("two components on {}: targets added up", code));
            }
        }
        e.batch.batch_no = e.slot;
        e.batch.mo_id = mo.mo_id;
        e.batch.bom = mo.bom_code.empty() ? mo.product_name : mo.bom_code;
        e.batch.finished_goods = mo.product_name.empty() ? mo.mo_id : mo.product_name;
        e.batch.quantity = mo.quantity;
        e.recipe.batch_no = e.slot;
        e.recipe.mo_id = mo.mo_id;
        e.recipe.bom = e.batch.bom;
        e.recipe.finished_goods = e.batch.finished_goods;
        e.recipe.quantity = mo.quantity;
        for (const auto& [code, kg] : targets) {
            e.batch.lines.push_back({code, kg, Decimal{0, 100}});
            e.recipe.targets.push_back({code, kg});
        }
        plan.entries.push_back(std::move(e));
    }
    return plan;
}

}  // namespace plcbridge::tasks
