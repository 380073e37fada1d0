#pragma once
/// Manufacturing orders as the grt_scada endpoints describe them (docs/ODOO.md), typed.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "plcbridge/core/decimal.hpp"

namespace plcbridge::odoo {

using plcbridge::Decimal;

/// One line of components_consumption: a raw material, and the SCADA equipment it comes from.
struct Component {
    std::optional<std::int64_t> product_id;
    std::string product_name;
    Decimal to_consume;                         ///< in `uom`: the BoM line quantity, NOT scaled to the MO
    std::string uom;                            ///< Odoo's unit name: "kg", "g", "t", "Unit" ...
    Decimal consumed;                           ///< kg so far
    std::optional<std::string> equipment_code;  ///< "silo101", "lq114", "PLC01", or none
};

struct Mo {
    std::string mo_id;  ///< "WH/MO/00011"
    std::string state;  ///< draft, confirmed, progress, to_close, done, cancel
    std::string product_name;
    Decimal quantity;  ///< in `uom`
    std::string uom;
    Decimal produced_qty;
    std::optional<std::int64_t> bom_id;  ///< none: the MO has no bill of materials
    std::string bom_code;
    /// The MO's own SCADA equipment (`equipment.code`, e.g. "PLC01": the line that makes it), or none.
    std::optional<std::string> equipment_code;
    std::vector<Component> components;
};

/// A bill of materials as POST /api/scada/boms describes it: the quantity its lines are written for.
struct BomLine {
    std::optional<std::int64_t> product_id;
    std::string product_name;
    Decimal quantity;
    std::string uom;
};

struct Bom {
    std::int64_t bom_id = 0;
    std::string product_name;
    Decimal product_qty;  ///< the lines make this much of the product, in `uom`
    std::string uom;
    std::vector<BomLine> components;
};

/// update-with-consumptions: Odoo answers success even when items failed; `errors` lists them.
struct UpdateResult {
    std::string mo_state;
    std::vector<std::string> errors;
    [[nodiscard]] bool partial() const noexcept { return !errors.empty(); }
};

struct CancelResult {
    bool already_cancelled = false;
    std::string mo_state;  ///< "cancel" (checked by the client)
};

struct MarkDoneResult {
    std::string mo_state;  ///< read back with mo-detail: "done" only if Odoo really closed it
    [[nodiscard]] bool done() const noexcept { return mo_state == "done"; }
};

/// One equipment failure as POST /api/scada/equipment-failure takes it (date: "YYYY-MM-DD HH:MM:SS", UTC).
struct EquipmentFailureReport {
    std::string equipment_code;
    std::string description;
    std::string date;
};

}  // namespace plcbridge::odoo
