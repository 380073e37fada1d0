// Every decoder fed truncated, oversized and random input: it must answer with an error value,
// never crash (ASan/UBSan in the dev preset watch for that), and never allocate more than a small
// bound. The read-response path must not allocate at all.
#include <gtest/gtest.h>

#include <random>

#include "plcbridge/fins/request.hpp"
#include "plcbridge/fins/response.hpp"
#include "plcbridge/fins/tcp_envelope.hpp"
#include "support/counting_allocator.hpp"
#include "support/fins_decode_all.hpp"

namespace plcbridge::fins {
namespace {

using plcbridge::testing::decode_all_fins;
using plcbridge::testing::g_allocation_count;
using plcbridge::testing::g_largest_allocation;

TEST(HostileInput, EveryPrefixOfValidFramesIsHandled) {
    const Header h = make_command_header({0, 1, 0}, {0, 10, 0}, 1);
    const std::uint16_t values[] = {1, 2, 3};
    std::vector<Bytes> frames = {
        encode_memory_area_read(h, {Area::dm, 6000}, 977).value(),
        encode_memory_area_write(h, {Area::dm, 7000}, values).value(),
        encode_response(h, 0x0101, EndCode{}, Bytes(1954, 0x41)),
        encode_response(h, 0x0601, EndCode{}, encode_controller_status({})),
        encode_response(h, 0x0701, EndCode{}, encode_clock({})),
        encode_tcp_frame(encode_response(h, 0x0101, EndCode{}, Bytes(20, 1))),
    };
    for (const Bytes& frame : frames) {
        for (std::size_t n = 0; n <= frame.size(); ++n)
            decode_all_fins(ByteView(frame.data(), n));
    }
}

TEST(HostileInput, OversizedFramesAreRejected) {
    Bytes big(kMaxFrameSize + 100, 0);
    big[0] = 0xC0;
    EXPECT_FALSE(decode_response(big).ok());
    big[0] = 0x80;
    EXPECT_FALSE(decode_command(big).ok());
}

TEST(HostileInput, RandomBytesNeverCrashAndAllocateBoundedly) {
    std::mt19937 rng(42);
    Bytes buffer;
    g_largest_allocation = 0;
    for (int i = 0; i < 20000; ++i) {
        buffer.resize(rng() % 2100);
        for (auto& b : buffer)
            b = static_cast<std::uint8_t>(rng());
        // Half the time make it look plausible so decoding goes deeper.
        if (!buffer.empty() && (i & 1)) buffer[0] = (i & 2) ? 0xC0 : 0x80;
        if (buffer.size() > 11 && (i & 4)) {
            buffer[10] = 0x01;
            buffer[11] = static_cast<std::uint8_t>(1 + rng() % 4);
        }
        if (buffer.size() > 8 && (i % 7 == 0)) std::copy_n("FINS", 4, buffer.begin());
        decode_all_fins(buffer);
    }
    // The biggest allocation a decoder may make is the item list of a 167-item multiple read; the
    // input buffer itself is at most 2100 bytes.
    EXPECT_LE(g_largest_allocation.load(), 4096U);
}

TEST(HostileInput, DecodingAReadResponseAllocatesNothing) {
    const Header h = make_command_header({0, 1, 0}, {0, 10, 0}, 1);
    const Bytes frame = encode_response(h, 0x0101, EndCode{}, Bytes(977 * 2, 0x12));
    std::vector<std::uint16_t> words(977);
    const std::size_t before = g_allocation_count.load();
    auto response = decode_response(frame);
    ASSERT_TRUE(response.ok());
    ASSERT_TRUE(decode_elements(response->data, Access::word, words).ok());
    EXPECT_EQ(g_allocation_count.load(), before);
    EXPECT_EQ(words[976], 0x1212);
}

}  // namespace
}  // namespace plcbridge::fins
