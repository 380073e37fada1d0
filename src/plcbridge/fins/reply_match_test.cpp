#include <gtest/gtest.h>

#include "plcbridge/fins/reply_match.hpp"

namespace plcbridge::fins {
namespace {

ResponseView reply_to(const Header& request, std::uint16_t command) {
    return ResponseView{make_response_header(request), command, EndCode{}, {}};
}

const Header kRequest = make_command_header({0, 1, 0}, {0, 10, 0}, 0x2A);

TEST(ReplyMatch, TheMirroredReplyMatches) {
    EXPECT_EQ(match_reply(kRequest, 0x0101, reply_to(kRequest, 0x0101)), ReplyMismatch::none);
}

TEST(ReplyMatch, ALateReplyToAnEarlierAttemptIsRecognisedBySid) {
    Header earlier = kRequest;
    earlier.sid = 0x29;
    EXPECT_EQ(match_reply(kRequest, 0x0101, reply_to(earlier, 0x0101)), ReplyMismatch::sid);
}

TEST(ReplyMatch, SameSidOtherCommandDoesNotMatch) {
    EXPECT_EQ(match_reply(kRequest, 0x0101, reply_to(kRequest, 0x0102)), ReplyMismatch::command);
}

TEST(ReplyMatch, ReplyFromAnotherPlcDoesNotMatch) {
    ResponseView reply = reply_to(kRequest, 0x0101);
    reply.header.sa1 = 2;
    EXPECT_EQ(match_reply(kRequest, 0x0101, reply), ReplyMismatch::source);
}

TEST(ReplyMatch, ReplyForAnotherClientNodeDoesNotMatch) {
    // Two clients with different SA1 on one host: the PLC may deliver the other's reply to us.
    ResponseView reply = reply_to(kRequest, 0x0101);
    reply.header.da1 = 11;
    EXPECT_EQ(match_reply(kRequest, 0x0101, reply), ReplyMismatch::destination);
    EXPECT_FALSE(describe(ReplyMismatch::destination).empty());
}

}  // namespace
}  // namespace plcbridge::fins
