#pragma once
/// Why a byte sequence is not an acceptable FINS frame. Each value has a message (tested).

#include <system_error>

namespace plcbridge::fins {

enum class Errc {
    truncated = 1,           ///< fewer bytes than the structure needs
    too_long,                ///< more bytes than FINS allows (2012-byte frame, 999/996 words, 167 items)
    not_a_response,          ///< ICF response bit clear where a response was expected
    not_a_command,           ///< ICF response bit set where a command was expected
    unknown_area,            ///< memory area code not one we support
    invalid_parameter,       ///< a field holds a value the command does not allow (bit > 15, count 0, ...)
    data_size_mismatch,      ///< payload length does not match the element count
    invalid_bcd,             ///< a BCD byte holds a nibble above 9
    bad_tcp_magic,           ///< FINS/TCP header does not start with "FINS"
    bad_tcp_length,          ///< FINS/TCP length field outside 8..2020
    unexpected_tcp_command,  ///< FINS/TCP command not valid at this point
    tcp_error_reported,      ///< the peer answered with a FINS/TCP error code
    invalid_address,         ///< address text such as "D6000" could not be parsed
};

const std::error_category& fins_category() noexcept;

inline std::error_code make_error_code(Errc e) noexcept {
    return {static_cast<int>(e), fins_category()};
}

}  // namespace plcbridge::fins

template <>
struct std::is_error_code_enum<plcbridge::fins::Errc> : std::true_type {};
