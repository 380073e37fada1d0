#include "plcbridge/fins/address.hpp"

#include <array>
#include <charconv>

#include <fmt/format.h>

#include "plcbridge/fins/errc.hpp"

namespace plcbridge::fins {
namespace {

struct AreaCodes {
    Area area;
    std::string_view prefix;
    std::uint8_t word_code;
    std::uint8_t bit_code;
};

// Longest prefix first so "CIO" is not read as "C...".
constexpr std::array kAreas{
    AreaCodes{Area::cio, "CIO", 0xB0, 0x30},   AreaCodes{Area::dm, "DM", 0x82, 0x02},
    AreaCodes{Area::dm, "D", 0x82, 0x02},      AreaCodes{Area::work, "W", 0xB1, 0x31},
    AreaCodes{Area::holding, "H", 0xB2, 0x32}, AreaCodes{Area::auxiliary, "A", 0xB3, 0x33},
};

const AreaCodes& codes_for(Area area) noexcept {
    for (const auto& a : kAreas) {
        if (a.area == area) return a;
    }
    return kAreas[1];
}

bool iequals_prefix(std::string_view text, std::string_view prefix) {
    if (text.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        char c = text[i];
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        if (c != prefix[i]) return false;
    }
    return true;
}

Error address_error(std::string_view text, std::string_view why) {
    return make_error(
        Errc::invalid_address,
        fmt::format("'{}': {} (expected e.g. D6000, CIO10, W5, H3, A100, or D100.05 for a bit)", text, why));
}

}  // namespace

std::uint8_t area_code(Area area, Access access) noexcept {
    const AreaCodes& c = codes_for(area);
    return access == Access::word ? c.word_code : c.bit_code;
}

std::optional<AreaAccess> area_from_code(std::uint8_t code) noexcept {
    for (const auto& a : kAreas) {
        if (a.word_code == code) return AreaAccess{a.area, Access::word};
        if (a.bit_code == code) return AreaAccess{a.area, Access::bit};
    }
    return std::nullopt;
}

std::string_view area_prefix(Area area) noexcept {
    if (area == Area::dm) return "D";
    return codes_for(area).prefix;
}

Result<MemoryAddress> parse_address(std::string_view text) {
    const AreaCodes* matched = nullptr;
    for (const auto& a : kAreas) {
        if (iequals_prefix(text, a.prefix)) {
            matched = &a;
            break;
        }
    }
    if (matched == nullptr) return address_error(text, "unknown memory area");

    std::string_view rest = text.substr(matched->prefix.size());
    std::string_view word_text = rest;
    std::string_view bit_text;
    bool has_bit = false;
    if (auto dot = rest.find('.'); dot != std::string_view::npos) {
        word_text = rest.substr(0, dot);
        bit_text = rest.substr(dot + 1);
        has_bit = true;
    }
    if (word_text.empty()) return address_error(text, "missing word number");

    unsigned word = 0;
    auto [wend, werr] = std::from_chars(word_text.data(), word_text.data() + word_text.size(), word);
    if (werr != std::errc{} || wend != word_text.data() + word_text.size()) {
        return address_error(text, "word number is not a decimal number");
    }
    if (word > 0xFFFF) return address_error(text, "word number above 65535");

    MemoryAddress address{matched->area, static_cast<std::uint16_t>(word), 0, Access::word};
    if (has_bit) {
        unsigned bit = 0;
        auto [bend, berr] = std::from_chars(bit_text.data(), bit_text.data() + bit_text.size(), bit);
        if (bit_text.empty() || berr != std::errc{} || bend != bit_text.data() + bit_text.size()) {
            return address_error(text, "bit number is not a decimal number");
        }
        if (bit > 15) return address_error(text, "bit number above 15");
        address.bit = static_cast<std::uint8_t>(bit);
        address.access = Access::bit;
    }
    return address;
}

std::string format_address(const MemoryAddress& address) {
    if (address.access == Access::bit) {
        return fmt::format("{}{}.{:02}", area_prefix(address.area), address.word, address.bit);
    }
    return fmt::format("{}{}", area_prefix(address.area), address.word);
}

std::optional<MemoryAddress> advance(const MemoryAddress& address, std::uint32_t offset) noexcept {
    MemoryAddress next = address;
    if (address.access == Access::word) {
        std::uint32_t word = address.word + offset;
        if (word > 0xFFFF) return std::nullopt;
        next.word = static_cast<std::uint16_t>(word);
        return next;
    }
    std::uint32_t bit_index = address.word * 16U + address.bit + offset;
    if (bit_index / 16 > 0xFFFF) return std::nullopt;
    next.word = static_cast<std::uint16_t>(bit_index / 16);
    next.bit = static_cast<std::uint8_t>(bit_index % 16);
    return next;
}

}  // namespace plcbridge::fins
