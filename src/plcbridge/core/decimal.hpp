#pragma once
/// An exact fixed-point number: raw / scale, scale a power of ten. Scaled PLC values (kg with two
/// decimals stored as hundredths) decode into it without floating-point error; encoding a double
/// rounds half away from zero (the existing system truncated: 302.15 became 302.14).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace plcbridge {

struct Decimal {
    std::int64_t raw = 0;
    std::uint32_t scale = 1;  ///< 1, 10, 100, 1000 or 10000

    /// "1017.33", "-3.05", "101".
    [[nodiscard]] std::string to_string() const;
    [[nodiscard]] double to_double() const noexcept { return static_cast<double>(raw) / scale; }
    /// The same value at another scale, rounding half away from zero when digits are dropped;
    /// nullopt on int64 overflow.
    [[nodiscard]] std::optional<Decimal> rescaled(std::uint32_t new_scale) const noexcept;

    /// value x scale rounded half away from zero (tolerant of binary noise such as
    /// 302.15 * 100 = 30214.999...); nullopt for NaN, infinity or int64 overflow.
    [[nodiscard]] static std::optional<Decimal> from_double(double value, std::uint32_t scale) noexcept;
    /// Exact parse of "-12.5", "1017.33" at `scale` (extra digits round half away from zero).
    [[nodiscard]] static std::optional<Decimal> parse(std::string_view text, std::uint32_t scale);

    friend bool operator==(const Decimal& a, const Decimal& b) noexcept;
};

[[nodiscard]] bool is_valid_scale(std::uint32_t scale) noexcept;

}  // namespace plcbridge
