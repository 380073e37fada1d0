#include "plcbridge/memory_map/read_planner.hpp"

#include <algorithm>

namespace plcbridge::memory_map {

std::vector<WordRange> plan_reads(std::span<const WordRange> needed, std::uint16_t max_gap, std::uint16_t max_words) {
    std::vector<WordRange> sorted;
    for (const WordRange& r : needed) {
        if (r.count > 0) sorted.push_back(r);
    }
    std::sort(sorted.begin(), sorted.end(), [](const WordRange& a, const WordRange& b) { return a.first < b.first; });

    std::vector<WordRange> plan;
    for (const WordRange& r : sorted) {
        if (!plan.empty()) {
            WordRange& last = plan.back();
            const std::uint32_t merged_end = std::max(last.end(), r.end());
            const bool close = r.first <= last.end() + max_gap;
            if (close && merged_end - last.first <= max_words) {
                last.count = static_cast<std::uint16_t>(merged_end - last.first);
                continue;
            }
        }
        // A range longer than max_words becomes several reads.
        std::uint32_t first = r.first;
        while (r.end() - first > max_words) {
            plan.push_back({static_cast<std::uint16_t>(first), max_words});
            first += max_words;
        }
        plan.push_back({static_cast<std::uint16_t>(first), static_cast<std::uint16_t>(r.end() - first)});
    }
    return plan;
}

}  // namespace plcbridge::memory_map
