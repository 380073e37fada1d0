#pragma once
/// Task 1's decision, pure: which confirmed MOs go into which WRITE slots, with which targets and
/// texts, and which cannot be queued and why.
/// - every confirmed MO is looked at, in Odoo's order; active and archived ones are skipped;
/// - targets are scaled to the MO (BoM line x MO quantity / BoM quantity, recipe_scaling.hpp) and
///   converted to kg; an MO without a readable BoM or with units that cannot be converted is not
///   queued, with the reason;
/// - texts follow the map's Overflow policy per field (text_fit.hpp): the plant's names are cut to
///   the field, the MO id is never changed; the database keeps Odoo's full text;
/// - each component maps to the plant's equipment by Odoo's equipment code when the map has it, else
///   through the alias table (normalised: lower case, letters and digits only, e.g. "Silo A" ->
///   "siloa"); a component that maps to nothing is listed on the entry, never dropped silently;
///   two components on the same equipment are added up (and said so);
/// - the usable MOs take slots 1..slots in order; the rest wait for the next queue.
/// Nothing here touches the PLC, Odoo or the database; tasks/mo_sync carries the plan out.

#include <cstdint>
#include <map>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "plcbridge/core/result.hpp"
#include "plcbridge/memory_map/batch_slot.hpp"
#include "plcbridge/memory_map/slot_area.hpp"
#include "plcbridge/odoo/mo.hpp"
#include "plcbridge/store/records.hpp"

namespace plcbridge::tasks {

/// Normalised alias -> equipment code ("siloa" -> "silo101").
using EquipmentAliases = std::map<std::string, std::string, std::less<>>;

[[nodiscard]] std::string normalise_alias(std::string_view text);

/// The MO equipment codes a line queues (normalised, normalise_alias); empty: every MO (one line).
using LineEquipment = std::set<std::string, std::less<>>;

/// Whether `mo` is made on the line that queues `line`'s equipment codes: its `equipment.code`
/// (case, spaces and punctuation aside) is one of them. An MO without equipment belongs to no line
/// when lines are set: sending it to a guessed PLC could make it with another line's silos.
[[nodiscard]] bool belongs_to_line(const odoo::Mo& mo, const LineEquipment& line);

/// The BoMs Odoo gave (or the error it gave) by bom_id.
using BomLookup = std::map<std::int64_t, Result<odoo::Bom>>;

/// A text the PLC got other than Odoo wrote it.
struct TextChange {
    std::string field;  ///< "bom", "finished_goods"
    std::string odoo;   ///< Odoo's text (kept in the database)
    std::string plc;    ///< what the WRITE slot holds
};

struct QueueEntry {
    int slot = 0;
    store::NewBatch batch;                 ///< what mo_batch gets once the PLC holds the queue (Odoo's texts)
    memory_map::BatchRecipe recipe;        ///< what the WRITE slot gets (the PLC's texts, scaled kg targets)
    std::vector<std::uint16_t> words;      ///< the encoded WRITE slot
    std::vector<std::string> remarks;      ///< unmapped or merged components, for the operator
    std::vector<TextChange> text_changes;  ///< texts cut or transliterated to fit
};

/// An MO that cannot be queued, and why (the operator fixes it in Odoo).
struct UnqueuedMo {
    std::string mo_id;
    std::string reason;
};

/// An MO Task 1 cannot queue, as /api/health lists it: since when the reason stands.
struct UnqueuedMoStatus {
    std::string mo_id;
    std::string reason;
    store::TimePoint since;
};

struct QueuePlan {
    std::vector<QueueEntry> entries;
    std::vector<UnqueuedMo> unqueued;
    std::vector<std::string> skipped;  ///< benign: "WH/MO/00007: already active or in mo_histories", next queue
};

/// `boms` holds an entry for every bom_id of `confirmed` that is not active or archived.
[[nodiscard]] QueuePlan plan_queue(std::span<const odoo::Mo> confirmed, const BomLookup& boms,
                                   const std::set<std::string>& active_or_archived,
                                   const memory_map::SlotArea& write_area, const EquipmentAliases& aliases);

}  // namespace plcbridge::tasks
