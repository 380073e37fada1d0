// The simulator's dispatch, bytes in -> bytes out, without sockets.
#include <gtest/gtest.h>

#include "plcbridge/fins/request.hpp"
#include "plcbridge/fins/response.hpp"
#include "plcbridge/sim/simulated_plc.hpp"

namespace plcbridge::sim {
namespace {

using fins::Area;
using fins::MemoryAddress;

fins::Header header(std::uint8_t sid = 1) {
    return fins::make_command_header({0, 1, 0}, {0, 10, 0}, sid);
}

fins::ResponseView only_reply(const Dispatch& d) {
    EXPECT_EQ(d.replies.size(), 1U);
    auto r = fins::decode_response(d.replies.at(0));
    EXPECT_TRUE(r.ok());
    return *r;
}

TEST(SimulatedPlc, WriteThenReadReturnsTheWords) {
    SimulatedPlc plc;
    const std::uint16_t values[] = {11, 22, 33};
    Dispatch written = plc.handle(fins::encode_memory_area_write(header(), {Area::dm, 6100}, values).value());
    EXPECT_TRUE(only_reply(written).end_code.success());

    Dispatch read = plc.handle(fins::encode_memory_area_read(header(2), {Area::dm, 6100}, 3).value());
    const fins::ResponseView r = only_reply(read);
    std::uint16_t words[3] = {};
    ASSERT_TRUE(fins::decode_elements(r.data, fins::Access::word, words).ok());
    EXPECT_EQ(words[2], 33);
    EXPECT_EQ(r.header.sid, 2);
    EXPECT_EQ(plc.word(Area::dm, 6101), 22);
    EXPECT_EQ(plc.stats().memory_writes, 1U);
    EXPECT_EQ(plc.stats().memory_reads, 1U);
}

TEST(SimulatedPlc, BitAccessReadsAndWritesSingleBits) {
    SimulatedPlc plc;
    const std::uint16_t bits[] = {1, 1};
    const MemoryAddress at{Area::work, 2, 15, fins::Access::bit};
    EXPECT_TRUE(only_reply(plc.handle(fins::encode_memory_area_write(header(), at, bits).value())).end_code.success());
    EXPECT_EQ(plc.word(Area::work, 2), 0x8000);
    EXPECT_EQ(plc.word(Area::work, 3), 0x0001);
}

TEST(SimulatedPlc, AnswersTheEndCodesOfACj2m) {
    SimulatedPlc plc;
    const std::uint16_t one[] = {1};
    struct Case {
        Bytes frame;
        std::uint16_t expected;
    };
    Bytes thousand_word_read = fins::encode_memory_area_read(header(), {Area::dm, 0}, 999).value();
    thousand_word_read[thousand_word_read.size() - 1] = 0xE8;  // 1000 = 0x03E8
    thousand_word_read[thousand_word_read.size() - 2] = 0x03;
    Case cases[] = {
        {fins::encode_memory_area_read(header(), {Area::dm, 40000}, 1).value(), 0x1103},
        {fins::encode_memory_area_read(header(), {Area::dm, 32760}, 10).value(), 0x1104},
        {fins::encode_memory_area_write(header(), {Area::auxiliary, 10}, one).value(), 0x2101},
        {thousand_word_read, 0x110B},
        {Bytes{0x80, 0, 2, 0, 1, 0, 0, 10, 0, 1, 0x09, 0x09}, 0x0401},                       // unknown command
        {Bytes{0x80, 0, 2, 0, 1, 0, 0, 10, 0, 1, 0x01, 0x01, 0x82, 0x00}, 0x1002},           // too short
        {Bytes{0x80, 0, 2, 0, 1, 0, 0, 10, 0, 1, 0x01, 0x01, 0x98, 0, 0, 0, 0, 1}, 0x1101},  // EM: no such area
    };
    for (const auto& c : cases) {
        const fins::ResponseView r = only_reply(plc.handle(c.frame));
        EXPECT_EQ(r.end_code.code(), c.expected) << std::hex << c.expected;
    }
}

TEST(SimulatedPlc, IgnoresFramesForOtherNodesAndResponses) {
    SimulatedPlc plc;
    EXPECT_TRUE(
        plc.handle(fins::encode_clock_read(fins::make_command_header({0, 7, 0}, {0, 10, 0}, 1))).replies.empty());
    Bytes response = fins::encode_response(header(), 0x0101, {}, {});
    EXPECT_TRUE(plc.handle(response).replies.empty());
    EXPECT_TRUE(plc.handle(Bytes{0x80, 0x00}).replies.empty());
    EXPECT_EQ(plc.stats().invalid_frames, 3U);
}

TEST(SimulatedPlc, NoResponseRequestedMeansNoReply) {
    SimulatedPlc plc;
    fins::Header h = header();
    h.icf = 0x81;
    const std::uint16_t one[] = {5};
    EXPECT_TRUE(plc.handle(fins::encode_memory_area_write(h, {Area::dm, 1}, one).value()).replies.empty());
    EXPECT_EQ(plc.word(Area::dm, 1), 5);  // executed all the same
}

TEST(SimulatedPlc, KnobsDropLoseDuplicateDelayAndForce) {
    SimulatedPlc plc;
    const Bytes clock = fins::encode_clock_read(header());
    FaultKnobs knobs;
    knobs.drop_requests = 1;
    knobs.lose_replies = 1;
    knobs.duplicate_replies = 1;
    knobs.delay_replies = 1;
    knobs.reply_delay = std::chrono::milliseconds(30);
    plc.set_knobs(knobs);
    EXPECT_TRUE(plc.handle(clock).replies.empty());  // dropped
    EXPECT_TRUE(plc.handle(clock).replies.empty());  // executed, reply lost
    Dispatch third = plc.handle(clock);
    EXPECT_EQ(third.replies.size(), 2U);  // duplicated
    EXPECT_EQ(third.delay, std::chrono::milliseconds(30));
    Dispatch fourth = plc.handle(clock);
    EXPECT_EQ(fourth.replies.size(), 1U);
    EXPECT_EQ(fourth.delay, std::chrono::milliseconds(0));
    EXPECT_EQ(plc.stats().dropped_requests, 1U);
    EXPECT_EQ(plc.stats().lost_replies, 1U);

    knobs = {};
    knobs.forced_end_code = fins::EndCode::from_raw(0x2203);
    knobs.forced_end_code_count = 1;
    plc.set_knobs(knobs);
    const std::uint16_t one[] = {9};
    EXPECT_EQ(
        only_reply(plc.handle(fins::encode_memory_area_write(header(), {Area::dm, 2}, one).value())).end_code.code(),
        0x2203);
    EXPECT_EQ(plc.word(Area::dm, 2), 0) << "a forced end code must not execute the write";
    EXPECT_TRUE(only_reply(plc.handle(clock)).end_code.success());
}

TEST(SimulatedPlc, StatusAndClockReflectTheSettings) {
    SimulatedPlc plc;
    plc.set_mode(fins::PlcMode::program);
    plc.set_clock(fins::ClockTime{2026, 11, 28, 14, 30, 59, 6});
    auto status =
        fins::decode_controller_status(only_reply(plc.handle(fins::encode_controller_status_read(header()))).data);
    ASSERT_TRUE(status.ok());
    EXPECT_FALSE(status->running());
    EXPECT_EQ(fins::mode_name(status->mode), "PROGRAM");
    auto clock = fins::decode_clock(only_reply(plc.handle(fins::encode_clock_read(header()))).data);
    ASSERT_TRUE(clock.ok());
    EXPECT_EQ(fins::format_clock(*clock), "2026-11-28 14:30:59 Sat");
}

}  // namespace
}  // namespace plcbridge::sim
