#include "plcbridge/fins/reply_match.hpp"

namespace plcbridge::fins {

ReplyMismatch match_reply(const Header& request, std::uint16_t command, const ResponseView& reply) noexcept {
    const Header& r = reply.header;
    if (r.sid != request.sid) return ReplyMismatch::sid;
    if (reply.command != command) return ReplyMismatch::command;
    if (r.source() != request.destination()) return ReplyMismatch::source;
    if (r.destination() != request.source()) return ReplyMismatch::destination;
    return ReplyMismatch::none;
}

std::string_view describe(ReplyMismatch mismatch) noexcept {
    switch (mismatch) {
        case ReplyMismatch::none: return "matches";
        case ReplyMismatch::sid: return "SID differs (stale or foreign reply)";
        case ReplyMismatch::command: return "command differs";
        case ReplyMismatch::source: return "sent by another node";
        case ReplyMismatch::destination: return "addressed to another node";
    }
    return "unknown";
}

}  // namespace plcbridge::fins
