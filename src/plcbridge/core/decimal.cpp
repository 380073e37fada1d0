#include "plcbridge/core/decimal.hpp"

#include <cmath>
#include <limits>

#include <fmt/format.h>

namespace plcbridge {
namespace {

int digits_of(std::uint32_t scale) noexcept {
    int digits = 0;
    while (scale > 1) {
        scale /= 10;
        ++digits;
    }
    return digits;
}

/// a / b rounded half away from zero (b > 0).
std::int64_t divide_rounding(std::int64_t a, std::int64_t b) noexcept {
    const std::int64_t q = a / b;
    const std::int64_t r = a % b;
    if (2 * (r < 0 ? -r : r) >= b) return a < 0 ? q - 1 : q + 1;
    return q;
}

}  // namespace

bool is_valid_scale(std::uint32_t scale) noexcept {
    return scale == 1 || scale == 10 || scale == 100 || scale == 1000 || scale == 10000;
}

std::string Decimal::to_string() const {
    if (scale <= 1) return std::to_string(raw);
    const std::uint64_t magnitude = raw < 0 ? 0 - static_cast<std::uint64_t>(raw) : static_cast<std::uint64_t>(raw);
    return fmt::format("{}{}.{:0{}}", raw < 0 ? "-" : "", magnitude / scale, magnitude % scale, digits_of(scale));
}

std::optional<Decimal> Decimal::rescaled(std::uint32_t new_scale) const noexcept {
    if (new_scale == scale) return *this;
    if (new_scale > scale) {
        const std::int64_t factor = new_scale / scale;
        if (raw > std::numeric_limits<std::int64_t>::max() / factor ||
            raw < std::numeric_limits<std::int64_t>::min() / factor) {
            return std::nullopt;
        }
        return Decimal{raw * factor, new_scale};
    }
    return Decimal{divide_rounding(raw, scale / new_scale), new_scale};
}

std::optional<Decimal> Decimal::from_double(double value, std::uint32_t scale) noexcept {
    if (!std::isfinite(value)) return std::nullopt;
    const double scaled = value * static_cast<double>(scale);
    if (std::abs(scaled) >= 9.2e18) return std::nullopt;
    double whole = std::trunc(scaled);
    const double fraction = std::abs(scaled - whole);
    // Half away from zero, tolerant of binary noise: 302.15 * 100 is 30214.999999999996 and
    // 1.005 * 100 is 100.49999999999999 — both are meant as the decimal written.
    if (fraction >= 0.5 - 1e-6) whole += scaled < 0 ? -1.0 : 1.0;
    return Decimal{static_cast<std::int64_t>(whole), scale};
}

std::optional<Decimal> Decimal::parse(std::string_view text, std::uint32_t scale) {
    if (text.empty()) return std::nullopt;
    bool negative = false;
    if (text.front() == '-' || text.front() == '+') {
        negative = text.front() == '-';
        text.remove_prefix(1);
    }
    std::int64_t raw = 0;
    std::uint32_t fraction_scale = 1;
    bool seen_dot = false;
    bool seen_digit = false;
    int round_digit = -1;  // first digit beyond `scale`
    for (char c : text) {
        if (c == '.' && !seen_dot) {
            seen_dot = true;
            continue;
        }
        if (c < '0' || c > '9') return std::nullopt;
        seen_digit = true;
        if (seen_dot && fraction_scale >= scale) {
            if (round_digit < 0) round_digit = c - '0';
            continue;
        }
        if (raw > (std::numeric_limits<std::int64_t>::max() - 9) / 10) return std::nullopt;
        raw = raw * 10 + (c - '0');
        if (seen_dot) fraction_scale *= 10;
    }
    if (!seen_digit) return std::nullopt;
    while (fraction_scale < scale) {
        if (raw > std::numeric_limits<std::int64_t>::max() / 10) return std::nullopt;
        raw *= 10;
        fraction_scale *= 10;
    }
    if (round_digit >= 5) ++raw;  // half away from zero (applied to the magnitude)
    return Decimal{negative ? -raw : raw, scale};
}

bool operator==(const Decimal& a, const Decimal& b) noexcept {
    if (a.scale == b.scale) return a.raw == b.raw;
    const std::uint32_t common = a.scale > b.scale ? a.scale : b.scale;
    auto ra = a.rescaled(common);
    auto rb = b.rescaled(common);
    return ra && rb && ra->raw == rb->raw;
}

}  // namespace plcbridge
