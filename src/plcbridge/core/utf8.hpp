#pragma once
/// UTF-8 as the code meets it from outside (Odoo's texts, HTTP requests): one code point at a time,
/// strictly (no overlong forms, no surrogates, nothing past U+10FFFF).

#include <cstddef>
#include <optional>
#include <string_view>

namespace plcbridge {

/// The code point at `at` (advanced past it), or nullopt for a byte that does not start a valid
/// sequence (then `at` moves one byte on).
[[nodiscard]] std::optional<char32_t> next_code_point(std::string_view text, std::size_t& at) noexcept;

[[nodiscard]] bool is_valid_utf8(std::string_view text) noexcept;

/// Characters as a person counts them: code points, each invalid byte one.
[[nodiscard]] std::size_t character_count(std::string_view text) noexcept;

}  // namespace plcbridge
