#pragma once
/// Does a received response answer the request we sent? A reply must mirror its request: response
/// bit set, same SID and command, source and destination swapped (docs/FINS.md "Frame and header", "Pitfalls 1").
/// Anything else is a stale, duplicate, misrouted or foreign frame and is dropped by the client.

#include <cstdint>
#include <string_view>

#include "plcbridge/fins/header.hpp"
#include "plcbridge/fins/response.hpp"

namespace plcbridge::fins {

enum class ReplyMismatch {
    none,         ///< this is our reply
    sid,          ///< another request's reply (typically a late reply to an earlier attempt)
    command,      ///< same SID, different command
    source,       ///< not sent by the node we asked
    destination,  ///< addressed to another node/unit than us
};

[[nodiscard]] ReplyMismatch match_reply(const Header& request, std::uint16_t command,
                                        const ResponseView& reply) noexcept;

[[nodiscard]] std::string_view describe(ReplyMismatch mismatch) noexcept;

}  // namespace plcbridge::fins
