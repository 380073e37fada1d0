#include "plcbridge/memory_map/field_codec.hpp"

#include <bit>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "plcbridge/core/utf8.hpp"
#include "plcbridge/memory_map/errc.hpp"

namespace plcbridge::memory_map {
namespace {

std::uint32_t combine(std::uint16_t first, std::uint16_t second, WordOrder order) noexcept {
    return order == WordOrder::high_first ? (std::uint32_t{first} << 16) | second
                                          : (std::uint32_t{second} << 16) | first;
}

void split(std::uint32_t value, WordOrder order, std::span<std::uint16_t> out) noexcept {
    const auto high = static_cast<std::uint16_t>(value >> 16);
    const auto low = static_cast<std::uint16_t>(value & 0xFFFF);
    out[0] = order == WordOrder::high_first ? high : low;
    out[1] = order == WordOrder::high_first ? low : high;
}

std::uint8_t first_byte(std::uint16_t word, WordOrder order) noexcept {
    return static_cast<std::uint8_t>(order == WordOrder::high_first ? word >> 8 : word & 0xFF);
}
std::uint8_t second_byte(std::uint16_t word, WordOrder order) noexcept {
    return static_cast<std::uint8_t>(order == WordOrder::high_first ? word & 0xFF : word >> 8);
}

std::int64_t expected_raw(const FieldSpec& spec, int slot) {
    return spec.expected_is_slot ? slot : spec.expected.value_or(0);
}

/// Range check of an engineering value; the message when it fails. `shown` is only called then:
/// this runs for every field of every slot on each poll, so the happy path must not format.
template <class Shown>
std::string range_issue(const FieldSpec& spec, double value, Shown shown) {
    if ((spec.min && value < *spec.min) || (spec.max && value > *spec.max)) {
        return fmt::format("{} is outside the plausible range {}..{}", shown(),
                           spec.min ? fmt::format("{}", *spec.min) : std::string("-inf"),
                           spec.max ? fmt::format("{}", *spec.max) : std::string("+inf"));
    }
    return {};
}

FieldValue decode_text(const FieldSpec& spec, std::span<const std::uint16_t> words) {
    FieldValue out{std::string{}, {}};
    std::string& text = std::get<std::string>(out.value);
    text.reserve(words.size() * 2);
    bool padding = false;  // seen a NUL: only NULs may follow
    for (std::size_t i = 0; i < words.size() * 2; ++i) {
        const std::uint16_t w = words[i / 2];
        const std::uint8_t b = (i % 2 == 0) ? first_byte(w, spec.order) : second_byte(w, spec.order);
        if (b == 0) {
            padding = true;
            continue;
        }
        const bool printable = b >= 0x20 && b < 0x7F;
        if (out.issue.empty()) {
            if (!printable) {
                out.issue = fmt::format("byte 0x{:02X} at character {} is not printable ASCII", b, i + 1);
            } else if (padding) {
                out.issue =
                    fmt::format("character '{}' at position {} follows the NUL padding", static_cast<char>(b), i + 1);
            }
        }
        text.push_back(printable ? static_cast<char>(b) : '?');  // shown, never used: the issue invalidates it
    }
    if (out.issue.empty() && spec.key_field && text.empty()) out.issue = "is empty";
    return out;
}

}  // namespace

FieldValue decode_field(const FieldSpec& spec, std::span<const std::uint16_t> words, int slot) {
    if (spec.type == DataType::ascii) return decode_text(spec, words);

    FieldValue out{false, {}};
    std::int64_t raw = 0;
    switch (spec.type) {
        case DataType::boolean:
            if (words[0] > 1) {
                out.value = Decimal{words[0], 1};
                out.issue = fmt::format("BOOL word holds 0x{:04X} (must be 0 or 1)", words[0]);
                return out;
            }
            out.value = words[0] == 1;
            return out;
        case DataType::int16: raw = static_cast<std::int16_t>(words[0]); break;
        case DataType::uint16: raw = words[0]; break;
        case DataType::int32: raw = static_cast<std::int32_t>(combine(words[0], words[1], spec.order)); break;
        case DataType::uint32: raw = combine(words[0], words[1], spec.order); break;
        case DataType::bcd: {
            const std::uint16_t w = words[0];
            for (int shift = 12; shift >= 0; shift -= 4) {
                const int digit = (w >> shift) & 0xF;
                if (digit > 9) {
                    out.value = Decimal{w, 1};
                    out.issue = fmt::format("0x{:04X} is not BCD (digit {:X} above 9)", w, digit);
                    return out;
                }
                raw = raw * 10 + digit;
            }
            break;
        }
        case DataType::real32: {
            const float f = std::bit_cast<float>(combine(words[0], words[1], spec.order));
            out.value = static_cast<double>(f);
            if (!std::isfinite(f)) {
                out.issue = "REAL is not a finite number";
                return out;
            }
            out.issue = range_issue(spec, static_cast<double>(f), [f] { return fmt::format("{}", f); });
            return out;
        }
        case DataType::ascii: break;  // handled above
    }
    const Decimal value{raw, spec.scale};
    out.value = value;
    if ((spec.expected || spec.expected_is_slot) && raw != expected_raw(spec, slot)) {
        out.issue = fmt::format("expected {}, the PLC holds {}", expected_raw(spec, slot), raw);
        return out;
    }
    out.issue = range_issue(spec, value.to_double(), [&value] { return value.to_string(); });
    return out;
}

namespace {

// The encoders below say what is wrong with the value; encode_field names the field.

Result<void> encode_text(const FieldSpec& spec, const Value& value, std::span<std::uint16_t> out) {
    const auto* text = std::get_if<std::string>(&value);
    if (text == nullptr) return make_error(Errc::wrong_value_type, "text expected");
    if (text->size() > spec.words * 2U) {
        return make_error(Errc::value_out_of_range, fmt::format("'{}' has {} characters; the PLC field holds {}", *text,
                                                                character_count(*text), spec.words * 2U));
    }
    for (char c : *text) {
        if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7F) {
            return make_error(Errc::value_out_of_range,
                              fmt::format("'{}' holds a character that is not printable ASCII", *text));
        }
    }
    for (std::size_t i = 0; i < out.size(); ++i) {
        const auto a = static_cast<std::uint8_t>(2 * i < text->size() ? (*text)[2 * i] : 0);
        const auto b = static_cast<std::uint8_t>(2 * i + 1 < text->size() ? (*text)[2 * i + 1] : 0);
        out[i] = static_cast<std::uint16_t>(spec.order == WordOrder::high_first ? (a << 8) | b : (b << 8) | a);
    }
    return {};
}

Result<void> encode_bool(const Value& value, std::span<std::uint16_t> out) {
    const bool* b = std::get_if<bool>(&value);
    if (b == nullptr) return make_error(Errc::wrong_value_type, "true or false expected");
    out[0] = *b ? 1 : 0;
    return {};
}

Result<void> encode_real(const FieldSpec& spec, const Value& value, std::span<std::uint16_t> out) {
    double d = 0;
    if (const double* number = std::get_if<double>(&value)) {
        d = *number;
    } else if (const Decimal* decimal = std::get_if<Decimal>(&value)) {
        d = decimal->to_double();
    } else {
        return make_error(Errc::wrong_value_type, "a number expected");
    }
    if (!std::isfinite(d) || std::abs(d) > static_cast<double>(std::numeric_limits<float>::max()))
        return make_error(Errc::value_out_of_range, fmt::format("{} does not fit a REAL", d));
    if (auto issue = range_issue(spec, d, [d] { return fmt::format("{}", d); }); !issue.empty())
        return make_error(Errc::value_out_of_range, issue);
    split(std::bit_cast<std::uint32_t>(static_cast<float>(d)), spec.order, out);
    return {};
}

/// The value at the field's scale, checked against Expected, Min and Max.
Result<Decimal> scaled_value(const FieldSpec& spec, const Value& value, int slot) {
    std::optional<Decimal> scaled;
    if (const Decimal* decimal = std::get_if<Decimal>(&value)) {
        scaled = decimal->rescaled(spec.scale);
    } else if (const double* number = std::get_if<double>(&value)) {
        scaled = Decimal::from_double(*number, spec.scale);
    } else {
        return make_error(Errc::wrong_value_type, "a number expected");
    }
    if (!scaled) return make_error(Errc::value_out_of_range, "the number is too large");
    const std::int64_t raw = scaled->raw;
    if ((spec.expected || spec.expected_is_slot) && raw != expected_raw(spec, slot))
        return make_error(Errc::value_out_of_range, fmt::format("must be {}, not {}", expected_raw(spec, slot), raw));
    if (auto issue = range_issue(spec, scaled->to_double(), [&scaled] { return scaled->to_string(); });
        !issue.empty()) {
        return make_error(Errc::value_out_of_range, issue);
    }
    return *scaled;
}

std::uint16_t to_bcd(std::int64_t value) {
    std::uint16_t w = 0;
    for (int shift = 0, v = static_cast<int>(value); shift < 16; shift += 4, v /= 10)
        w = static_cast<std::uint16_t>(w | ((v % 10) << shift));
    return w;
}

Result<void> encode_integer(const FieldSpec& spec, const Value& value, std::span<std::uint16_t> out, int slot) {
    auto scaled = scaled_value(spec, value, slot);
    if (!scaled) return std::move(scaled).error();
    const std::int64_t raw = scaled->raw;
    auto out_of_type = [&](std::int64_t lo, std::int64_t hi) {
        return make_error(Errc::value_out_of_range,
                          fmt::format("{} (raw {}) does not fit {} ({}..{} raw)", scaled->to_string(), raw,
                                      type_name(spec.type), lo, hi));
    };
    constexpr std::int64_t kInt32Min = std::numeric_limits<std::int32_t>::min();
    constexpr std::int64_t kInt32Max = std::numeric_limits<std::int32_t>::max();
    switch (spec.type) {
        case DataType::int16:
            if (raw < -32768 || raw > 32767) return out_of_type(-32768, 32767);
            out[0] = static_cast<std::uint16_t>(raw);
            return {};
        case DataType::uint16:
            if (raw < 0 || raw > 65535) return out_of_type(0, 65535);
            out[0] = static_cast<std::uint16_t>(raw);
            return {};
        case DataType::int32:
            if (raw < kInt32Min || raw > kInt32Max) return out_of_type(kInt32Min, kInt32Max);
            split(static_cast<std::uint32_t>(raw), spec.order, out);
            return {};
        case DataType::uint32:
            if (raw < 0 || raw > 0xFFFFFFFFLL) return out_of_type(0, 0xFFFFFFFFLL);
            split(static_cast<std::uint32_t>(raw), spec.order, out);
            return {};
        case DataType::bcd:
            if (raw < 0 || raw > 9999) return out_of_type(0, 9999);
            out[0] = to_bcd(raw);
            return {};
        default: break;
    }
    return make_error(Errc::wrong_value_type, "unsupported type");
}

}  // namespace

Result<void> encode_field(const FieldSpec& spec, const Value& value, std::span<std::uint16_t> out, int slot) {
    Result<void> encoded;
    switch (spec.type) {
        case DataType::ascii: encoded = encode_text(spec, value, out); break;
        case DataType::boolean: encoded = encode_bool(value, out); break;
        case DataType::real32: encoded = encode_real(spec, value, out); break;
        default: encoded = encode_integer(spec, value, out, slot); break;
    }
    if (encoded) return encoded;
    return Error{encoded.error().code, fmt::format("{}: {}", spec.key, encoded.error().detail)};
}

std::string to_display(const Value& value) {
    struct Visitor {
        std::string operator()(bool b) const { return b ? "true" : "false"; }
        std::string operator()(const Decimal& d) const { return d.to_string(); }
        std::string operator()(double d) const { return fmt::format("{}", d); }
        std::string operator()(const std::string& s) const { return s; }
    };
    return std::visit(Visitor{}, value);
}

}  // namespace plcbridge::memory_map
