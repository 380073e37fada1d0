#include <gtest/gtest.h>

#include <vector>

#include "plcbridge/fins/errc.hpp"
#include "plcbridge/fins/request.hpp"

namespace plcbridge::fins {
namespace {

const Header kHeader = make_command_header({0, 1, 0}, {0, 10, 0}, 7);

TEST(Request, ReadAcceptsUpTo999WordsAndRejects1000) {
    EXPECT_TRUE(encode_memory_area_read(kHeader, {Area::dm, 0}, 999).ok());
    auto too_many = encode_memory_area_read(kHeader, {Area::dm, 0}, 1000);
    ASSERT_FALSE(too_many.ok());
    EXPECT_EQ(too_many.error().code, Errc::too_long);
}

TEST(Request, WriteAcceptsUpTo996WordsAndRejects997) {
    std::vector<std::uint16_t> values(996, 0xBEEF);
    auto ok = encode_memory_area_write(kHeader, {Area::dm, 7000}, values);
    ASSERT_TRUE(ok.ok());
    EXPECT_EQ(ok->size(), kHeaderSize + 2 + 6 + 996 * 2);
    values.push_back(1);
    EXPECT_EQ(encode_memory_area_write(kHeader, {Area::dm, 7000}, values).error().code, Errc::too_long);
    EXPECT_EQ(encode_memory_area_write(kHeader, {Area::dm, 7000}, {}).error().code, Errc::invalid_parameter);
}

TEST(Request, WriteRoundTripsThroughTheCommandDecoder) {
    // given
    const std::uint16_t values[] = {0x0001, 0xFFFF, 0x1234};
    // when
    auto frame = encode_memory_area_write(kHeader, {Area::holding, 12}, values);
    ASSERT_TRUE(frame.ok());
    auto command = decode_command(*frame);
    ASSERT_TRUE(command.ok());
    auto params = decode_memory_area_write(command->parameters);
    // then
    ASSERT_TRUE(params.ok());
    EXPECT_EQ(command->command, 0x0102);
    EXPECT_EQ(params->start, (MemoryAddress{Area::holding, 12}));
    EXPECT_EQ(params->count, 3);
    EXPECT_EQ(params->data.size(), 6U);
    EXPECT_EQ(params->data[2], 0xFF);
}

TEST(Request, BitWriteCarriesOneBytePerBitAndRejectsValuesAboveOne) {
    const std::uint16_t bits[] = {1, 0, 1};
    auto frame = encode_memory_area_write(kHeader, {Area::work, 3, 14, Access::bit}, bits);
    ASSERT_TRUE(frame.ok());
    const Bytes tail(frame->begin() + kHeaderSize, frame->end());
    EXPECT_EQ(tail, (Bytes{0x01, 0x02, 0x31, 0x00, 0x03, 0x0E, 0x00, 0x03, 0x01, 0x00, 0x01}));
    const std::uint16_t bad[] = {2};
    EXPECT_EQ(encode_memory_area_write(kHeader, {Area::work, 3, 14, Access::bit}, bad).error().code,
              Errc::invalid_parameter);
}

TEST(Request, WriteDecoderRejectsDataThatDoesNotMatchTheCount) {
    // DM 100, count 2, but only 3 data bytes.
    const Bytes params = {0x82, 0x00, 0x64, 0x00, 0x00, 0x02, 0x00, 0x01, 0x00};
    EXPECT_EQ(decode_memory_area_write(params).error().code, Errc::data_size_mismatch);
}

TEST(Request, AddressDecoderRejectsUnknownAreasAndBitsOnWordAccess) {
    EXPECT_EQ(decode_memory_area_read(Bytes{0x98, 0x00, 0x00, 0x00, 0x00, 0x01}).error().code, Errc::unknown_area);
    EXPECT_EQ(decode_memory_area_read(Bytes{0x82, 0x00, 0x00, 0x03, 0x00, 0x01}).error().code, Errc::invalid_parameter);
    EXPECT_EQ(decode_memory_area_read(Bytes{0x02, 0x00, 0x00, 0x10, 0x00, 0x01}).error().code, Errc::invalid_parameter);
}

TEST(Request, MultipleReadLimitsItemsTo167) {
    std::vector<MemoryAddress> items(167, MemoryAddress{Area::dm, 1});
    EXPECT_TRUE(encode_multiple_memory_area_read(kHeader, items).ok());
    items.push_back(MemoryAddress{Area::dm, 2});
    EXPECT_EQ(encode_multiple_memory_area_read(kHeader, items).error().code, Errc::too_long);
    EXPECT_EQ(encode_multiple_memory_area_read(kHeader, {}).error().code, Errc::invalid_parameter);
}

TEST(Request, StatusClockAndControllerDataFramesAreCommandCodeOnly) {
    EXPECT_EQ(encode_controller_status_read(kHeader).size(), kHeaderSize + 2);
    EXPECT_EQ(encode_clock_read(kHeader).back(), 0x01);
    const Bytes data_read = encode_controller_data_read(kHeader, std::uint8_t{0});
    EXPECT_EQ(Bytes(data_read.begin() + kHeaderSize, data_read.end()), (Bytes{0x05, 0x01, 0x00}));
}

TEST(Request, CommandDecoderRejectsResponsesAndShortFrames) {
    EXPECT_EQ(decode_command(Bytes{0xC0, 0, 2, 0, 1, 0, 0, 10, 0, 1, 1, 1}).error().code, Errc::not_a_command);
    EXPECT_EQ(decode_command(Bytes{0x80, 0, 2}).error().code, Errc::truncated);
    EXPECT_EQ(decode_command(Bytes(kMaxFrameSize + 1, 0x80)).error().code, Errc::too_long);
}

}  // namespace
}  // namespace plcbridge::fins
