// Exact bytes from docs/FINS.md "Commands" and "FINS/TCP" (verified there against tshark's decoder), encoded and
// decoded.
#include <gtest/gtest.h>

#include "plcbridge/core/hex.hpp"
#include "plcbridge/fins/request.hpp"
#include "plcbridge/fins/response.hpp"
#include "plcbridge/fins/tcp_envelope.hpp"

namespace plcbridge::fins {
namespace {

Bytes hex(std::string_view text) {
    auto bytes = from_hex(text);
    EXPECT_TRUE(bytes.has_value()) << text;
    return bytes.value_or(Bytes{});
}

// Us = node 10, PLC = node 1, both on the local network, CPU unit.
const NodeAddress kPlc{0, 1, 0};
const NodeAddress kUs{0, 10, 0};

TEST(GoldenVectors, MemoryAreaReadD100TenWordsEncodesExactly) {
    // given
    const Header header = make_command_header(kPlc, kUs, 0x2A);
    // when
    auto frame = encode_memory_area_read(header, MemoryAddress{Area::dm, 100}, 10);
    // then
    ASSERT_TRUE(frame.ok());
    EXPECT_EQ(*frame, hex("80 00 02 00 01 00 00 0A 00 2A"  // ICF RSV GCT DNA DA1 DA2 SNA SA1 SA2 SID
                          "01 01"                          // MEMORY AREA READ
                          "82 00 64 00"                    // DM, word 100, bit 0
                          "00 0A"));                       // 10 words
}

TEST(GoldenVectors, MemoryAreaReadD6000TenWordsEncodesExactly) {
    auto frame = encode_memory_area_read(make_command_header(kPlc, kUs, 0x01), MemoryAddress{Area::dm, 6000}, 10);
    ASSERT_TRUE(frame.ok());
    EXPECT_EQ(*frame, hex("80 00 02 00 01 00 00 0A 00 01 01 01 82 17 70 00 00 0A"));  // read D6000 x 10, the READ area
}

TEST(GoldenVectors, MemoryAreaReadDecodesCommandSide) {
    const Bytes frame = hex("80 00 02 00 01 00 00 0A 00 2A 01 01 82 00 64 00 00 0A");  // views point into it
    auto command = decode_command(frame);
    ASSERT_TRUE(command.ok());
    EXPECT_EQ(command->header, make_command_header(kPlc, kUs, 0x2A));
    EXPECT_EQ(command->command, 0x0101);
    auto params = decode_memory_area_read(command->parameters);
    ASSERT_TRUE(params.ok());
    EXPECT_EQ(params->start, (MemoryAddress{Area::dm, 100}));
    EXPECT_EQ(params->count, 10);
}

TEST(GoldenVectors, NormalResponseWithTwoWordsDecodes) {
    // given
    const Bytes frame =
        hex("C0 00 02 00 0A 00 00 01 00 2A"  // response, to node 10 from node 1, SID 2A
            "01 01"                          // MEMORY AREA READ
            "00 00"                          // normal completion
            "12 34 AB CD");                  // two words
    // when
    auto response = decode_response(frame);
    // then
    ASSERT_TRUE(response.ok());
    EXPECT_TRUE(response->header.is_response());
    EXPECT_EQ(response->header.sid, 0x2A);
    EXPECT_EQ(response->command, 0x0101);
    EXPECT_TRUE(response->end_code.success());
    std::uint16_t words[2] = {};
    ASSERT_TRUE(decode_elements(response->data, Access::word, words).ok());
    EXPECT_EQ(words[0], 0x1234);
    EXPECT_EQ(words[1], 0xABCD);
}

TEST(GoldenVectors, NormalResponseEncodesExactly) {
    const Header request = make_command_header(kPlc, kUs, 0x2A);
    const Bytes data = hex("12 34 AB CD");
    EXPECT_EQ(encode_response(request, 0x0101, EndCode{}, data),
              hex("C0 00 02 00 0A 00 00 01 00 2A 01 01 00 00 12 34 AB CD"));
}

TEST(GoldenVectors, MultipleReadOfD100Cio10D200EncodesExactly) {
    const MemoryAddress items[] = {{Area::dm, 100}, {Area::cio, 10}, {Area::dm, 200}};
    auto frame = encode_multiple_memory_area_read(make_command_header(kPlc, kUs, 0x2A), items);
    ASSERT_TRUE(frame.ok());
    const Bytes tail(frame->begin() + kHeaderSize, frame->end());
    EXPECT_EQ(tail, hex("01 04 82 00 64 00 B0 00 0A 00 82 00 C8 00"));
}

TEST(GoldenVectors, WriteErrorResponseCarriesEndCode1103) {
    auto response = decode_response(hex("C0 00 02 00 0A 00 00 01 00 2C 01 02 11 03"));
    ASSERT_TRUE(response.ok());
    EXPECT_EQ(response->command, 0x0102);
    EXPECT_FALSE(response->end_code.success());
    EXPECT_EQ(response->end_code.code(), 0x1103);
    EXPECT_TRUE(response->data.empty());
}

TEST(GoldenVectors, ClockReadResponseDecodesBcd) {
    auto clock = decode_clock(hex("26 11 28 14 30 59 06"));
    ASSERT_TRUE(clock.ok());
    EXPECT_EQ(*clock, (ClockTime{2026, 11, 28, 14, 30, 59, 6}));
    EXPECT_EQ(format_clock(*clock), "2026-11-28 14:30:59 Sat");
    EXPECT_EQ(encode_clock(*clock), hex("26 11 28 14 30 59 06"));
}

TEST(GoldenVectors, TcpNodeAddressRequestAskingForAssignment) {
    const auto request = encode_node_address_request(0);
    EXPECT_EQ(Bytes(request.begin(), request.end()), hex("46 49 4E 53"     // "FINS"
                                                         "00 00 00 0C"     // length 12
                                                         "00 00 00 00"     // command 0: node address data send
                                                         "00 00 00 00"     // error 0
                                                         "00 00 00 00"));  // client node 0 = assign
}

TEST(GoldenVectors, TcpNodeAddressResponseDecodes) {
    TcpStreamAssembler assembler;
    ASSERT_TRUE(assembler.append(hex("46494E53 00000010 00000001 00000000 000000EF 00000001")).ok());
    auto message = assembler.next();
    ASSERT_TRUE(message.ok());
    ASSERT_TRUE(message->has_value());
    auto assignment = decode_node_address_response(**message);
    ASSERT_TRUE(assignment.ok());
    EXPECT_EQ(assignment->client_node, 239U);
    EXPECT_EQ(assignment->server_node, 1U);
    const auto encoded = encode_node_address_response(239, 1);
    EXPECT_EQ(Bytes(encoded.begin(), encoded.end()), hex("46494E53 00000010 00000001 00000000 000000EF 00000001"));
}

TEST(GoldenVectors, TcpFrameEnvelopeHasLengthEightPlusFrame) {
    const Bytes frame = hex("80 00 02 00 01 00 00 0A 00 2A 01 01 82 00 64 00 00 0A");  // 18 bytes
    EXPECT_EQ(encode_tcp_frame(frame), hex("46494E53 0000001A 00000002 00000000"
                                           "80 00 02 00 01 00 00 0A 00 2A 01 01 82 00 64 00 00 0A"));
}

}  // namespace
}  // namespace plcbridge::fins
