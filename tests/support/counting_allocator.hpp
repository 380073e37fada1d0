#pragma once
// Replaces the global operator new/delete with versions that count allocations, so a test or a
// benchmark can assert "this path allocates nothing". Include in exactly ONE translation unit of a
// binary (the replacement functions must be defined once per program).

#include <atomic>
#include <cstddef>
#include <cstdlib>
#include <new>

namespace plcbridge::testing {

inline std::atomic<std::size_t> g_allocation_count{0};
inline std::atomic<std::size_t> g_largest_allocation{0};

}  // namespace plcbridge::testing

void* operator new(std::size_t size) {
    using namespace plcbridge::testing;
    g_allocation_count.fetch_add(1, std::memory_order_relaxed);
    std::size_t largest = g_largest_allocation.load(std::memory_order_relaxed);
    while (size > largest && !g_largest_allocation.compare_exchange_weak(largest, size)) {
    }
    if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
    throw std::bad_alloc();
}
void operator delete(void* p) noexcept {
    std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
    std::free(p);
}
