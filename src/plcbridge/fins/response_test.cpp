#include <gtest/gtest.h>

#include "plcbridge/fins/errc.hpp"
#include "plcbridge/fins/response.hpp"

namespace plcbridge::fins {
namespace {

TEST(Response, MakeResponseHeaderSwapsAddressesAndKeepsSid) {
    const Header request = make_command_header({0, 1, 0}, {0, 10, 0}, 0x55);
    const Header response = make_response_header(request);
    EXPECT_TRUE(response.is_response());
    EXPECT_EQ(response.icf, 0xC0);
    EXPECT_EQ(response.source(), request.destination());
    EXPECT_EQ(response.destination(), request.source());
    EXPECT_EQ(response.sid, 0x55);
}

TEST(Response, DecoderRejectsCommandsAndShortFrames) {
    EXPECT_EQ(decode_response(Bytes{0x80, 0, 2, 0, 1, 0, 0, 10, 0, 1, 1, 1, 0, 0}).error().code, Errc::not_a_response);
    EXPECT_EQ(decode_response(Bytes{0xC0, 0, 2, 0, 10, 0, 0, 1, 0, 1, 1, 1, 0}).error().code, Errc::truncated);
}

TEST(Response, ElementsMustMatchTheRequestedCountExactly) {
    std::uint16_t out[2] = {};
    EXPECT_EQ(decode_elements(Bytes{0, 1, 0}, Access::word, out).error().code, Errc::truncated);
    EXPECT_EQ(decode_elements(Bytes{0, 1, 0, 2, 0}, Access::word, out).error().code, Errc::too_long);
    EXPECT_TRUE(decode_elements(Bytes{0, 1, 0, 2}, Access::word, out).ok());
    EXPECT_EQ(out[1], 2);
}

TEST(Response, BitElementsAreZeroOrOne) {
    std::uint16_t out[2] = {};
    EXPECT_TRUE(decode_elements(Bytes{1, 0}, Access::bit, out).ok());
    EXPECT_EQ(out[0], 1);
    EXPECT_EQ(decode_elements(Bytes{1, 2}, Access::bit, out).error().code, Errc::invalid_parameter);
}

TEST(Response, MultipleReadValuesAreCheckedAgainstTheRequestedAreas) {
    const MemoryAddress items[] = {{Area::dm, 100}, {Area::cio, 10, 2, Access::bit}};
    std::uint16_t out[2] = {};
    ASSERT_TRUE(decode_multiple_read(Bytes{0x82, 0x12, 0x34, 0x30, 0x01}, items, out).ok());
    EXPECT_EQ(out[0], 0x1234);
    EXPECT_EQ(out[1], 1);
    EXPECT_EQ(decode_multiple_read(Bytes{0xB0, 0x12, 0x34, 0x30, 0x01}, items, out).error().code,
              Errc::invalid_parameter);
    EXPECT_EQ(decode_multiple_read(Bytes{0x82, 0x12, 0x34}, items, out).error().code, Errc::truncated);
}

TEST(Response, ControllerStatusRoundTripsAndMasksUndefinedBits) {
    ControllerStatus status;
    status.status = 0x01;
    status.mode = 0x04;
    status.non_fatal_errors = 0x0020;
    status.fal_code = 42;
    status.error_message = "BATTERY LOW";
    Bytes bytes = encode_controller_status(status);
    ASSERT_EQ(bytes.size(), kControllerStatusSize);
    bytes[0] |= 0x78;  // undefined bits set by some CPUs
    auto decoded = decode_controller_status(bytes);
    ASSERT_TRUE(decoded.ok());
    EXPECT_EQ(decoded->status, 0x01);
    EXPECT_TRUE(decoded->running());
    EXPECT_EQ(mode_name(decoded->mode), "RUN");
    EXPECT_EQ(decoded->non_fatal_errors, 0x0020);
    EXPECT_EQ(decoded->fal_code, 42);
    EXPECT_EQ(decoded->error_message, "BATTERY LOW");
}

TEST(Response, ClockRejectsNonBcdAndOutOfRangeValues) {
    EXPECT_EQ(decode_clock(Bytes{0x26, 0x1A, 0x28, 0x14, 0x30, 0x59, 0x06}).error().code, Errc::invalid_bcd);
    EXPECT_EQ(decode_clock(Bytes{0x26, 0x13, 0x28, 0x14, 0x30, 0x59, 0x06}).error().code, Errc::invalid_parameter);
    EXPECT_EQ(decode_clock(Bytes{0x26, 0x11}).error().code, Errc::truncated);
    auto old = decode_clock(Bytes{0x98, 0x01, 0x01, 0x00, 0x00, 0x00, 0x04});
    ASSERT_TRUE(old.ok());
    EXPECT_EQ(old->year, 1998);
}

TEST(Response, ControllerDataRoundTrips) {
    auto decoded = decode_controller_data(encode_controller_data({"CJ2M-CPU33", "02.00", 32, 0}));
    ASSERT_TRUE(decoded.ok());
    EXPECT_EQ(decoded->model, "CJ2M-CPU33");
    EXPECT_EQ(decoded->version, "02.00");
    EXPECT_EQ(decoded->dm_words, 32);
}

}  // namespace
}  // namespace plcbridge::fins
