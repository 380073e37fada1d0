#pragma once
/// The fewest FINS reads that cover a set of word ranges: ranges are merged when the gap between
/// them is at most `max_gap` words and the merged read stays within `max_words` (999 for 0101).
/// Reading all 10 READ slots (77 words each, 23-word gaps) is one 977-word read.

#include <cstdint>
#include <span>
#include <vector>

namespace plcbridge::memory_map {

struct WordRange {
    std::uint16_t first = 0;
    std::uint16_t count = 0;
    [[nodiscard]] std::uint32_t end() const noexcept { return std::uint32_t{first} + count; }
    friend constexpr bool operator==(const WordRange&, const WordRange&) = default;
};

inline constexpr std::uint16_t kDefaultMaxGap = 32;

[[nodiscard]] std::vector<WordRange> plan_reads(std::span<const WordRange> needed,
                                                std::uint16_t max_gap = kDefaultMaxGap, std::uint16_t max_words = 999);

}  // namespace plcbridge::memory_map
