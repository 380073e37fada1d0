// libFuzzer target: every FINS decoder on arbitrary bytes. Build with the `fuzz` preset and run
//   build/fuzz/fins_frame_fuzz fuzz/corpus/fins_frame -max_total_time=60
// The same entry point is replayed over the checked-in corpus by `make test` (fins_frame_replay).
#include <cstddef>
#include <cstdint>

#include "support/fins_decode_all.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    (void)plcbridge::testing::decode_all_fins(plcbridge::ByteView(data, size));
    return 0;
}
