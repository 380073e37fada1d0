// Decoding the whole READ area (10 slots, one 977-word read) with the built-in map, as Task 2 does
// every cycle. Reports allocations per iteration next to the time.
#include <benchmark/benchmark.h>

#include <vector>

#include "plcbridge/memory_map/batch_slot.hpp"
#include "plcbridge/memory_map/default_maps.hpp"
#include "plcbridge/tasks/plc_sync_plan.hpp"
#include "support/counting_allocator.hpp"

namespace plcbridge::memory_map {
namespace {

/// 977 words holding ten realistic batches (WH/MO/00011.., every silo and tank in use).
std::vector<std::uint16_t> ten_batches(const SlotArea& area) {
    auto write = load_area(AreaKind::write, "", 10, 100).value();
    std::vector<std::uint16_t> words(area.total_words(), 0);
    for (int slot = 1; slot <= 10; ++slot) {
        BatchRecipe r{
            slot, "WH/MO/000" + std::to_string(10 + slot), "[10092] JF SAPOT", "JF SAPOT", Decimal{100000, 100}, {}};
        for (const auto& code : write.map().equipment_codes())
            r.targets.push_back({code, Decimal{12345 + slot, 100}});
        auto encoded = encode_recipe(write, slot, r).value();
        std::copy(encoded.begin(), encoded.end(), words.begin() + (slot - 1) * 100);
    }
    return words;
}

void report_allocations(benchmark::State& state, std::size_t before) {
    state.counters["allocs/iter"] =
        static_cast<double>(testing::g_allocation_count.load() - before) / static_cast<double>(state.iterations());
}

void BM_DecodeReadAreaTenSlots(benchmark::State& state) {
    const SlotArea area = load_area(AreaKind::read, "", 10, 100).value();
    const auto words = ten_batches(area);
    const std::size_t before = testing::g_allocation_count.load();
    for (auto _ : state) {
        auto records = area.decode_all(words);
        benchmark::DoNotOptimize(records);
    }
    report_allocations(state, before);
}
BENCHMARK(BM_DecodeReadAreaTenSlots)->Unit(benchmark::kMicrosecond);

void BM_DecodeAndTypeTenSlots(benchmark::State& state) {
    const SlotArea area = load_area(AreaKind::read, "", 10, 100).value();
    const auto words = ten_batches(area);
    const std::size_t before = testing::g_allocation_count.load();
    for (auto _ : state) {
        for (const auto& record : area.decode_all(words)) {
            auto slot = to_batch_slot(record);
            benchmark::DoNotOptimize(slot);
        }
    }
    report_allocations(state, before);
}
BENCHMARK(BM_DecodeAndTypeTenSlots)->Unit(benchmark::kMicrosecond);

/// Task 2's CPU work per cycle: decode the area, type the slots, and diff them against ten active
/// batches (the stored actuals are one cycle behind, so every batch has changes to store).
void BM_ReadCycleDecodeAndDiff(benchmark::State& state) {
    const SlotArea area = load_area(AreaKind::read, "", 10, 100).value();
    const auto words = ten_batches(area);
    std::vector<store::Batch> active;
    for (const auto& record : area.decode_all(words)) {
        const BatchSlot slot = to_batch_slot(record);
        store::Batch b;
        b.id = slot.batch_no;
        b.batch_no = static_cast<int>(slot.batch_no);
        b.mo_id = slot.mo_id;
        for (const auto& e : slot.consumption)
            b.lines.push_back({e.code, e.amount, Decimal{0, 100}});
        active.push_back(std::move(b));
    }
    const auto now = std::chrono::system_clock::now();
    const std::size_t before = testing::g_allocation_count.load();
    for (auto _ : state) {
        std::vector<BatchSlot> slots;
        slots.reserve(10);
        for (const auto& record : area.decode_all(words))
            slots.push_back(to_batch_slot(record));
        auto plan = tasks::plan_plc_sync(active, slots, batch::AutoCancelSettings{}, now);
        benchmark::DoNotOptimize(plan);
    }
    report_allocations(state, before);
}
BENCHMARK(BM_ReadCycleDecodeAndDiff)->Unit(benchmark::kMicrosecond);

void BM_EncodeRecipe(benchmark::State& state) {
    const SlotArea write = load_area(AreaKind::write, "", 10, 100).value();
    BatchRecipe r{3, "WH/MO/00123", "[10092] JF SAPOT", "JF SAPOT", Decimal{100000, 100}, {}};
    for (const auto& code : write.map().equipment_codes())
        r.targets.push_back({code, Decimal{12345, 100}});
    for (auto _ : state) {
        auto words = encode_recipe(write, 3, r);
        benchmark::DoNotOptimize(words);
    }
}
BENCHMARK(BM_EncodeRecipe)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace plcbridge::memory_map

BENCHMARK_MAIN();
