#include <gtest/gtest.h>

#include "plcbridge/memory_map/default_maps.hpp"
#include "plcbridge/memory_map/read_planner.hpp"

namespace plcbridge::memory_map {
namespace {

TEST(ReadPlanner, AllTenReadSlotsAreOneRead) {
    auto area = load_area(AreaKind::read, "", 10, 100);
    ASSERT_TRUE(area.ok());
    std::vector<WordRange> needed;
    for (int slot = 1; slot <= 10; ++slot)
        needed.push_back({area->slot_address(slot), area->map().span()});
    const auto plan = plan_reads(needed);
    ASSERT_EQ(plan.size(), 1U);
    EXPECT_EQ(plan[0], (WordRange{6000, 977}));
}

TEST(ReadPlanner, OnlyTheStatusWordsOfTenSlotsAreStillOneRead) {
    std::vector<WordRange> needed;
    for (std::uint16_t slot = 0; slot < 10; ++slot)
        needed.push_back({static_cast<std::uint16_t>(6072 + 100 * slot), 2});
    const auto plan = plan_reads(needed, 100);
    ASSERT_EQ(plan.size(), 1U);
    EXPECT_EQ(plan[0], (WordRange{6072, 902}));
    EXPECT_EQ(plan_reads(needed, 32).size(), 10U) << "with a smaller gap limit each status pair is its own read";
}

TEST(ReadPlanner, FarApartRangesStaySeparateAndOrderDoesNotMatter) {
    const WordRange needed[] = {{8000, 23}, {6000, 77}, {6076, 1}};
    const auto plan = plan_reads(needed);
    ASSERT_EQ(plan.size(), 2U);
    EXPECT_EQ(plan[0], (WordRange{6000, 77}));
    EXPECT_EQ(plan[1], (WordRange{8000, 23}));
}

TEST(ReadPlanner, NoReadExceedsTheLimit) {
    const WordRange needed[] = {{0, 2500}, {2500, 10}};
    const auto plan = plan_reads(needed, 32, 999);
    std::uint32_t covered = 0;
    for (const auto& r : plan) {
        EXPECT_LE(r.count, 999);
        covered += r.count;
    }
    EXPECT_EQ(covered, 2510U);
    EXPECT_EQ(plan.size(), 3U);
    EXPECT_TRUE(plan_reads({}).empty());
}

}  // namespace
}  // namespace plcbridge::memory_map
