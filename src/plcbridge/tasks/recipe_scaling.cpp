#include "plcbridge/tasks/recipe_scaling.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

#include <fmt/format.h>

#include "plcbridge/tasks/errc.hpp"

namespace plcbridge::tasks {
namespace {

std::string lower_trimmed(std::string_view text) {
    std::string out;
    for (char c : text)
        if (!std::isspace(static_cast<unsigned char>(c)))
            out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    return out;
}

Wide gcd(Wide a, Wide b) {
    if (a < 0) a = -a;
    if (b < 0) b = -b;
    while (b != 0) {
        const Wide t = a % b;
        a = b;
        b = t;
    }
    return a == 0 ? 1 : a;
}

/// a x b, or nullopt on overflow.
std::optional<Wide> times(Wide a, Wide b) {
    Wide out = 0;
    if (__builtin_mul_overflow(a, b, &out)) return std::nullopt;
    return out;
}

/// num / den rounded half away from zero (den > 0).
std::int64_t divide_rounding(Wide num, Wide den) {
    const Wide q = num / den;
    const Wide r = num % den;
    const Wide twice = 2 * (r < 0 ? -r : r);
    if (twice >= den) return static_cast<std::int64_t>(num < 0 ? q - 1 : q + 1);
    return static_cast<std::int64_t>(q);
}

Error too_large(std::string_view what) {
    return make_error(Errc::unit_mismatch, fmt::format("{} is too large to scale exactly", what));
}

}  // namespace

std::optional<MassUnit> mass_unit(std::string_view uom) {
    struct Named {
        std::string_view name;
        MassUnit unit;
    };
    // lb and oz are the international avoirdupois definitions (exact in grams).
    static constexpr std::array kUnits{
        Named{"kg", {1, 1}},
        Named{"kgs", {1, 1}},
        Named{"kilogram", {1, 1}},
        Named{"g", {1, 1000}},
        Named{"gram", {1, 1000}},
        Named{"mg", {1, 1000000}},
        Named{"t", {1000, 1}},
        Named{"tonne", {1000, 1}},
        Named{"ton", {1000, 1}},
        Named{"lb", {45359237, 100000000}},
        Named{"lbs", {45359237, 100000000}},
        Named{"oz", {28349523125, 1000000000000}},
    };
    const std::string key = lower_trimmed(uom);
    for (const Named& n : kUnits)
        if (n.name == key) return n.unit;
    return std::nullopt;
}

Result<BatchFactor> batch_factor(const odoo::Mo& mo, const odoo::Bom& bom) {
    if (bom.product_qty.raw <= 0) {
        return make_error(Errc::no_bom, fmt::format("BoM {} is written for a quantity of {} {}: nothing to scale by",
                                                    bom.bom_id, bom.product_qty.to_string(), bom.uom));
    }
    MassUnit mo_unit{1, 1};
    MassUnit bom_unit{1, 1};
    if (lower_trimmed(mo.uom) != lower_trimmed(bom.uom)) {
        const auto a = mass_unit(mo.uom);
        const auto b = mass_unit(bom.uom);
        if (!a || !b) {
            return make_error(Errc::unit_mismatch,
                              fmt::format("the MO is in '{}' and its BoM {} in '{}': they cannot be converted", mo.uom,
                                          bom.bom_id, bom.uom));
        }
        mo_unit = *a;
        bom_unit = *b;
    }
    // (mo.raw / mo.scale x mo_unit) / (bom.raw / bom.scale x bom_unit)
    auto num = times(mo.quantity.raw, mo_unit.num);
    if (num) num = times(*num, bom_unit.den);
    if (num) num = times(*num, bom.product_qty.scale);
    auto den = times(bom.product_qty.raw, bom_unit.num);
    if (den) den = times(*den, mo_unit.den);
    if (den) den = times(*den, mo.quantity.scale);
    if (!num || !den) return too_large("the MO quantity");
    const Wide g = gcd(*num, *den);
    return BatchFactor{*num / g, *den / g};
}

Result<Decimal> scale_quantity(Decimal quantity, BatchFactor factor, std::uint32_t scale) {
    auto num = times(quantity.raw, factor.num);
    if (num) num = times(*num, scale);
    auto den = times(static_cast<Wide>(quantity.scale), factor.den);
    if (!num || !den || *den <= 0) return too_large(quantity.to_string());
    return Decimal{divide_rounding(*num, *den), scale};
}

Result<Decimal> to_kg(Decimal quantity, std::string_view uom, std::uint32_t scale) {
    const auto unit = mass_unit(uom);
    if (!unit) {
        return make_error(Errc::unit_mismatch, fmt::format("{} '{}' is not a mass (kg, g, t ...): the PLC doses kg",
                                                           quantity.to_string(), uom));
    }
    return scale_quantity(quantity, BatchFactor{unit->num, unit->den}, scale);
}

}  // namespace plcbridge::tasks
