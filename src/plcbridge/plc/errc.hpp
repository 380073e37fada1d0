#pragma once
/// Why a PLC exchange failed on our side of the wire. A PLC that answered with a non-zero end code
/// is reported in fins::end_code_category() instead, so callers can tell "the PLC said no" from
/// "we could not talk to the PLC".

#include <system_error>

namespace plcbridge::plc {

enum class Errc {
    timeout = 1,       ///< no matching reply before the deadline, on every attempt
    unreachable,       ///< connect refused, host not resolvable, ICMP port unreachable
    connection_lost,   ///< the TCP connection closed or failed mid-exchange
    handshake_failed,  ///< FINS/TCP node address handshake refused or malformed
    malformed_reply,   ///< a reply matched our request but its body is not what the command returns
    invalid_request,   ///< the request itself is impossible (address overflow, empty write, ...)
    busy,              ///< too many callers queued on one client
    not_leading,       ///< this instance does not lead the line: it exchanges nothing with its PLC
};

const std::error_category& plc_category() noexcept;

inline std::error_code make_error_code(Errc e) noexcept {
    return {static_cast<int>(e), plc_category()};
}

}  // namespace plcbridge::plc

template <>
struct std::is_error_code_enum<plcbridge::plc::Errc> : std::true_type {};
