#include "plcbridge/memory_map/text_fit.hpp"

#include <array>
#include <cstdint>
#include <optional>

#include <fmt/format.h>

#include "plcbridge/core/utf8.hpp"
#include "plcbridge/memory_map/errc.hpp"

namespace plcbridge::memory_map {
namespace {

// U+00C0..U+00FF, one entry per code point: the base letter, a pair for ligatures, "?" when no
// letter is meant (multiplication and division signs).
constexpr std::array<std::string_view, 64> kLatin1 = {
    "A", "A", "A", "A", "A", "A", "AE", "C", "E", "E", "E", "E", "I", "I", "I",  "I",   //
    "D", "N", "O", "O", "O", "O", "O",  "x", "O", "U", "U", "U", "U", "Y", "TH", "ss",  //
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",   //
    "d", "n", "o", "o", "o", "o", "o",  "?", "o", "u", "u", "u", "u", "y", "th", "y"};

// U+0100..U+017F (Latin Extended-A), one base letter per code point.
constexpr std::string_view kLatinExtendedA =
    "AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIiIiJjKkkLlLlLlLlLlNnNnNnnNnOoOoOoOoRrRrRrSsSsSsSsTtTtTtUuUuUuUuUu"
    "UuWwYyYZzZzZzs";
static_assert(kLatinExtendedA.size() == 128);

/// One code point's ASCII stand-in, or nullopt when none is obvious.
std::optional<std::string_view> transliterate(char32_t cp) {
    if (cp >= 0xC0 && cp <= 0xFF) return kLatin1[cp - 0xC0];
    if (cp >= 0x100 && cp <= 0x17F) return kLatinExtendedA.substr(cp - 0x100, 1);
    switch (cp) {
        case 0x09:  // tab
        case 0xA0:  // no-break space
        case 0x2002:
        case 0x2003:
        case 0x2009:
        case 0x202F: return " ";
        case 0x2010:
        case 0x2011:
        case 0x2012:
        case 0x2013:
        case 0x2014:
        case 0x2015:
        case 0x2212: return "-";  // hyphens, en and em dash, minus
        case 0x2018:
        case 0x2019:
        case 0x201A:
        case 0x2032: return "'";
        case 0x201C:
        case 0x201D:
        case 0x201E:
        case 0x2033: return "\"";
        case 0x2026: return "...";
        case 0xD7: return "x";
        case 0xB0: return "o";  // degree sign in "40°C"
        default: return std::nullopt;
    }
}

}  // namespace

std::string to_printable_ascii(std::string_view utf8) {
    std::string out;
    out.reserve(utf8.size());
    for (std::size_t i = 0; i < utf8.size();) {
        const std::optional<char32_t> cp = next_code_point(utf8, i);
        if (cp && *cp >= 0x20 && *cp < 0x7F) {
            out.push_back(static_cast<char>(*cp));
            continue;
        }
        const std::optional<std::string_view> stand_in = cp ? transliterate(*cp) : std::nullopt;
        out += stand_in.value_or("?");
    }
    return out;
}

Result<FittedText> fit_text(std::string_view key, std::string_view text, std::size_t capacity, TextOverflow policy) {
    FittedText fitted;
    fitted.plc = to_printable_ascii(text);
    fitted.transliterated = fitted.plc != text;
    if (fitted.plc.size() > capacity) {
        fitted.plc.resize(capacity);
        fitted.shortened = true;
    }
    if (policy == TextOverflow::refuse && fitted.changed()) {
        const std::string why = fitted.shortened ? fmt::format("has {} characters and the PLC field holds {}",
                                                               to_printable_ascii(text).size(), capacity)
                                                 : std::string("holds characters that are not printable ASCII");
        return make_error(Errc::value_out_of_range,
                          fmt::format("{} '{}' {}; this field is never shortened or changed (Overflow = refuse in the "
                                      "memory map): shorten it in Odoo",
                                      key, to_printable_ascii(text), why));
    }
    return fitted;
}

}  // namespace plcbridge::memory_map
