// Google Benchmark for the FINS codec. Reports heap allocations per iteration next to the time:
// decoding a read response must allocate nothing.
#include <benchmark/benchmark.h>

#include <vector>

#include "plcbridge/fins/request.hpp"
#include "plcbridge/fins/response.hpp"
#include "plcbridge/fins/tcp_envelope.hpp"
#include "support/counting_allocator.hpp"

namespace plcbridge::fins {
namespace {

const Header kHeader = make_command_header({0, 1, 0}, {0, 10, 0}, 1);

/// Adds "allocs/iter" to the benchmark's counters.
class AllocationCounter {
  public:
    explicit AllocationCounter(benchmark::State& state) : state_(state), start_(testing::g_allocation_count.load()) {}
    ~AllocationCounter() {
        state_.counters["allocs/iter"] =
            benchmark::Counter(static_cast<double>(testing::g_allocation_count.load() - start_) /
                               static_cast<double>(state_.iterations()));
    }
    AllocationCounter(const AllocationCounter&) = delete;
    AllocationCounter& operator=(const AllocationCounter&) = delete;

  private:
    benchmark::State& state_;
    std::size_t start_;
};

void BM_EncodeReadRequest(benchmark::State& state) {
    AllocationCounter allocations(state);
    for (auto _ : state) {
        auto frame = encode_memory_area_read(kHeader, {Area::dm, 6000}, 977);
        benchmark::DoNotOptimize(frame);
    }
}
BENCHMARK(BM_EncodeReadRequest);

void BM_DecodeReadResponse977Words(benchmark::State& state) {
    const Bytes frame = encode_response(kHeader, 0x0101, EndCode{}, Bytes(977 * 2, 0x5A));
    std::vector<std::uint16_t> words(977);
    AllocationCounter allocations(state);
    for (auto _ : state) {
        auto response = decode_response(frame);
        auto ok = decode_elements(response->data, Access::word, words);
        benchmark::DoNotOptimize(ok);
        benchmark::DoNotOptimize(words.data());
    }
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(frame.size()));
}
BENCHMARK(BM_DecodeReadResponse977Words);

void BM_EncodeWriteSlot77Words(benchmark::State& state) {
    const std::vector<std::uint16_t> slot(77, 0x1234);
    AllocationCounter allocations(state);
    for (auto _ : state) {
        auto frame = encode_memory_area_write(kHeader, {Area::dm, 7000}, slot);
        benchmark::DoNotOptimize(frame);
    }
}
BENCHMARK(BM_EncodeWriteSlot77Words);

void BM_TcpAssembleReadResponse(benchmark::State& state) {
    const Bytes message = encode_tcp_frame(encode_response(kHeader, 0x0101, EndCode{}, Bytes(977 * 2, 0x5A)));
    TcpStreamAssembler assembler;
    AllocationCounter allocations(state);
    for (auto _ : state) {
        auto appended = assembler.append(message);
        auto next = assembler.next();
        benchmark::DoNotOptimize(appended);
        benchmark::DoNotOptimize(next);
    }
}
BENCHMARK(BM_TcpAssembleReadResponse);

}  // namespace
}  // namespace plcbridge::fins

BENCHMARK_MAIN();
