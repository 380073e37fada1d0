#include <gtest/gtest.h>

#include <random>

#include "plcbridge/fins/errc.hpp"
#include "plcbridge/fins/tcp_envelope.hpp"

namespace plcbridge::fins {
namespace {

Bytes frame_of(std::uint8_t fill, std::size_t size) {
    return encode_tcp_frame(Bytes(size, fill));
}

TEST(TcpStreamAssembler, CutsSeveralMessagesOutOfOneRead) {
    // given: three messages arriving in one segment
    Bytes stream;
    for (std::uint8_t i = 1; i <= 3; ++i) {
        Bytes m = frame_of(i, 10u * i);
        stream.insert(stream.end(), m.begin(), m.end());
    }
    TcpStreamAssembler assembler;
    ASSERT_TRUE(assembler.append(stream).ok());
    // then
    for (std::uint8_t i = 1; i <= 3; ++i) {
        auto message = assembler.next();
        ASSERT_TRUE(message.ok());
        ASSERT_TRUE(message->has_value());
        EXPECT_EQ((*message)->command, 2U);
        EXPECT_EQ((*message)->payload.size(), 10u * i);
        EXPECT_EQ((*message)->payload[0], i);
    }
    auto none = assembler.next();
    ASSERT_TRUE(none.ok());
    EXPECT_FALSE(none->has_value());
    EXPECT_EQ(assembler.buffered(), 0U);
}

TEST(TcpStreamAssembler, ReassemblesOneMessageDeliveredByteByByte) {
    const Bytes message = frame_of(0xAB, kMaxFrameSize);
    TcpStreamAssembler assembler;
    for (std::size_t i = 0; i < message.size(); ++i) {
        auto early = assembler.next();
        ASSERT_TRUE(early.ok());
        ASSERT_FALSE(early->has_value()) << "complete after only " << i << " bytes";
        ASSERT_TRUE(assembler.append(ByteView(&message[i], 1)).ok());
    }
    auto done = assembler.next();
    ASSERT_TRUE(done.ok());
    ASSERT_TRUE(done->has_value());
    EXPECT_EQ((*done)->payload.size(), kMaxFrameSize);
}

TEST(TcpStreamAssembler, AnySegmentationYieldsTheSameMessages) {
    std::mt19937 rng(20261128);
    Bytes stream;
    std::vector<std::size_t> sizes;
    for (int i = 0; i < 50; ++i) {
        const std::size_t size = 12 + rng() % 2000;
        sizes.push_back(size);
        Bytes m = frame_of(static_cast<std::uint8_t>(i), size);
        stream.insert(stream.end(), m.begin(), m.end());
    }
    TcpStreamAssembler assembler;
    std::size_t at = 0;
    std::size_t seen = 0;
    while (seen < sizes.size()) {
        if (at < stream.size()) {
            auto space = assembler.prepare();
            const std::size_t n = std::min<std::size_t>({space.size(), 1 + rng() % 3000, stream.size() - at});
            std::copy_n(stream.begin() + static_cast<std::ptrdiff_t>(at), n, space.begin());
            assembler.commit(n);
            at += n;
        }
        for (;;) {
            auto message = assembler.next();
            ASSERT_TRUE(message.ok());
            if (!message->has_value()) break;
            ASSERT_EQ((*message)->payload.size(), sizes[seen]);
            ASSERT_EQ((*message)->payload[0], static_cast<std::uint8_t>(seen));
            ++seen;
        }
        ASSERT_TRUE(at < stream.size() || seen == sizes.size()) << "stream consumed but messages missing";
    }
}

TEST(TcpStreamAssembler, RejectsBadMagicAndImpossibleLengths) {
    TcpStreamAssembler bad_magic;
    ASSERT_TRUE(bad_magic.append(Bytes{'F', 'I', 'N', 'X', 0, 0, 0, 8}).ok());
    EXPECT_EQ(bad_magic.next().error().code, Errc::bad_tcp_magic);

    TcpStreamAssembler huge;  // a length claiming 4 GB must not make us wait for (or allocate) it
    ASSERT_TRUE(huge.append(Bytes{'F', 'I', 'N', 'S', 0xFF, 0xFF, 0xFF, 0xFF}).ok());
    EXPECT_EQ(huge.next().error().code, Errc::bad_tcp_length);

    TcpStreamAssembler tiny;
    ASSERT_TRUE(tiny.append(Bytes{'F', 'I', 'N', 'S', 0, 0, 0, 7}).ok());
    EXPECT_EQ(tiny.next().error().code, Errc::bad_tcp_length);
}

TEST(TcpStreamAssembler, CapacityIsBounded) {
    TcpStreamAssembler assembler;
    EXPECT_LE(assembler.prepare().size(), TcpStreamAssembler::kCapacity);
    EXPECT_FALSE(assembler.append(Bytes(TcpStreamAssembler::kCapacity + 1, 0)).ok());
}

TEST(TcpHandshake, RefusalIsReportedWithTheReason) {
    TcpStreamAssembler assembler;
    const auto refused = encode_node_address_response(0, 1, TcpError::node_already_connected);
    ASSERT_TRUE(assembler.append(refused).ok());
    auto message = assembler.next();
    ASSERT_TRUE(message.ok() && message->has_value());
    auto assignment = decode_node_address_response(**message);
    ASSERT_FALSE(assignment.ok());
    EXPECT_EQ(assignment.error().code, Errc::tcp_error_reported);
    EXPECT_NE(assignment.error().detail.find("already connected"), std::string::npos);
}

TEST(TcpHandshake, AFrameWhereTheHandshakeAnswerBelongsIsUnexpected) {
    TcpStreamAssembler assembler;
    ASSERT_TRUE(assembler.append(frame_of(1, 12)).ok());
    auto message = assembler.next();
    ASSERT_TRUE(message.ok() && message->has_value());
    EXPECT_EQ(decode_node_address_response(**message).error().code, Errc::unexpected_tcp_command);
}

}  // namespace
}  // namespace plcbridge::fins
