#pragma once
/// Task 1's decision, pure: which confirmed MOs go into which WRITE slots, with which targets.
/// - at most `slots` MOs, in Odoo's order, skipping any MO that is active or already archived;
/// - each component maps to the plant's equipment by Odoo's equipment code when the map has it, else
///   through the alias table (normalised: lower case, letters and digits only, e.g. "Silo A" ->
///   "siloa"); a component that maps to nothing is listed on the entry, never dropped silently;
/// - two components on the same equipment are added up (and said so).
/// Nothing here touches the PLC, Odoo or the database; tasks/mo_sync carries the plan out.

#include <map>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "plcbridge/memory_map/batch_slot.hpp"
#include "plcbridge/odoo/mo.hpp"
#include "plcbridge/store/records.hpp"

namespace plcbridge::tasks {

/// Normalised alias -> equipment code ("siloa" -> "silo101").
using EquipmentAliases = std::map<std::string, std::string, std::less<>>;

[[nodiscard]] std::string normalise_alias(std::string_view text);

struct QueueEntry {
    int slot = 0;
    store::NewBatch batch;             ///< what mo_batch gets once the PLC holds the queue
    memory_map::BatchRecipe recipe;    ///< what the WRITE slot gets
    std::vector<std::string> remarks;  ///< unmapped or merged components, for the operator
};

struct QueuePlan {
    std::vector<QueueEntry> entries;
    std::vector<std::string> skipped;  ///< "WH/MO/00007: already in mo_histories" ...
};

[[nodiscard]] QueuePlan plan_queue(std::span<const odoo::Mo> confirmed, const std::set<std::string>& active_or_archived,
                                   int slots, const std::vector<std::string>& equipment_codes,
                                   const EquipmentAliases& aliases);

}  // namespace plcbridge::tasks
