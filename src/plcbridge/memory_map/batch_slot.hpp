#pragma once
/// The plant's vocabulary (docs/CONTRACT.md "PLC memory layout") as typed records: what a READ slot says about a
/// batch, and what a WRITE slot must hold to queue one. Equipment comes from the map, so a plant
/// with 20 silos needs only a new CSV.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "plcbridge/core/decimal.hpp"
#include "plcbridge/core/result.hpp"
#include "plcbridge/memory_map/slot_area.hpp"

namespace plcbridge::memory_map {

/// Keys every batch-slot map must have.
inline constexpr std::string_view kBatchSlotKeys[] = {"batch_no",
                                                      "mo_id",
                                                      "bom",
                                                      "finished_goods",
                                                      "quantity",
                                                      "status_manufacturing",
                                                      "status_operation",
                                                      "weight_finished_good",
                                                      "status_read_data"};

struct EquipmentAmount {
    std::string code;  ///< "silo101" .. "silo113", "lq114", "lq115": Odoo's equipment codes
    Decimal amount;    ///< kg (planned target when writing, actual consumption when reading)
    friend bool operator==(const EquipmentAmount&, const EquipmentAmount&) = default;
};

/// A READ slot, typed. Values of invalid fields keep what the PLC held; `status` and `issues` say
/// whether any of it may be acted on.
struct BatchSlot {
    int slot = 0;
    SlotStatus status = SlotStatus::empty;
    std::vector<std::string> issues;
    std::int64_t batch_no = 0;
    std::string mo_id;
    std::string bom;
    std::string finished_goods;
    Decimal quantity;
    std::vector<EquipmentAmount> consumption;  ///< in map order
    bool finished = false;                     ///< status_manufacturing = 1
    bool failed = false;                       ///< status_operation = 1
    bool read_acknowledged = false;            ///< status_read_data = 1
    Decimal weight_finished_good;

    /// Every field decoded and checked: the only state in which Task 2 may act on the slot.
    [[nodiscard]] bool clean() const noexcept { return status == SlotStatus::valid; }
};

[[nodiscard]] BatchSlot to_batch_slot(const SlotRecord& record);

/// What Task 1 writes into a WRITE slot.
struct BatchRecipe {
    std::int64_t batch_no = 0;  ///< the slot number
    std::string mo_id;
    std::string bom;
    std::string finished_goods;
    Decimal quantity;
    std::vector<EquipmentAmount> targets;  ///< only equipment the batch uses; the rest is written 0
};

/// The slot's words: identity, targets, every equipment id as the map expects it, and all status
/// words 0 (status_manufacturing, status_operation, status_read_data). Refuses equipment the map
/// does not have (never dropped silently), a code listed twice, and values that do not fit.
[[nodiscard]] Result<std::vector<std::uint16_t>> encode_recipe(const SlotArea& area, int slot,
                                                               const BatchRecipe& recipe);

}  // namespace plcbridge::memory_map
