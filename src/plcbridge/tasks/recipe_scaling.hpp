#pragma once
/// PLC targets scaled to the MO. grt_scada's mo-list-detailed gives each component's BoM line
/// quantity (`to_consume`), not scaled to the MO: an MO of 500 kg on a 1000 kg BoM shows the
/// 1000 kg figures, and dosing them doubles every ingredient. The target is therefore
///   line quantity x MO quantity / BoM quantity,
/// with the MO and the BoM in convertible units (the same unit, or both masses) and the line in a
/// mass unit (the PLC doses kg). Exact: the fraction is kept in integers and rounded once, half away
/// from zero, at the WRITE field's scale. Pure.

#include <cstdint>
#include <optional>
#include <string_view>

#include "plcbridge/core/decimal.hpp"
#include "plcbridge/core/result.hpp"
#include "plcbridge/odoo/mo.hpp"

namespace plcbridge::tasks {

using plcbridge::Decimal;

/// A mass unit as kg = value x num / den; nullopt for units that are not a mass ("Units", "L").
struct MassUnit {
    std::int64_t num = 1;
    std::int64_t den = 1;
};
/// Odoo's mass unit names (any case): kg, g, mg, t (also "tonne", "ton"), lb, oz.
[[nodiscard]] std::optional<MassUnit> mass_unit(std::string_view uom);

/// 128-bit integers (GCC, Clang): products of four exact decimals stay exact. `__extension__`
/// keeps -Wpedantic quiet about the non-standard type.
__extension__ using Wide = __int128;

/// MO quantity / BoM quantity as an exact fraction.
struct BatchFactor {
    Wide num = 1;
    Wide den = 1;
};

/// Errc::no_bom for a BoM quantity of 0; Errc::unit_mismatch when the MO's and the BoM's units
/// cannot be converted into each other.
[[nodiscard]] Result<BatchFactor> batch_factor(const odoo::Mo& mo, const odoo::Bom& bom);

/// `quantity` x factor, in the same unit, at `scale` (half away from zero).
[[nodiscard]] Result<Decimal> scale_quantity(Decimal quantity, BatchFactor factor, std::uint32_t scale);

/// `quantity` in `uom` as kg at `scale`; Errc::unit_mismatch when `uom` is not a mass.
[[nodiscard]] Result<Decimal> to_kg(Decimal quantity, std::string_view uom, std::uint32_t scale);

}  // namespace plcbridge::tasks
