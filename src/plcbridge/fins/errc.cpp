#include "plcbridge/fins/errc.hpp"

#include "plcbridge/core/enum_error_category.hpp"

#include <string>

namespace plcbridge::fins {
namespace {

std::string_view describe(Errc e) noexcept {
    switch (e) {
        case Errc::truncated: return "FINS frame truncated";
        case Errc::too_long: return "FINS frame or element count exceeds the protocol limit";
        case Errc::not_a_response: return "FINS frame is a command where a response was expected";
        case Errc::not_a_command: return "FINS frame is a response where a command was expected";
        case Errc::unknown_area: return "unknown FINS memory area code";
        case Errc::invalid_parameter: return "invalid FINS command parameter";
        case Errc::data_size_mismatch: return "FINS data length does not match the element count";
        case Errc::invalid_bcd: return "invalid BCD digit";
        case Errc::bad_tcp_magic: return "FINS/TCP header magic is not \"FINS\"";
        case Errc::bad_tcp_length: return "FINS/TCP length field out of range";
        case Errc::unexpected_tcp_command: return "unexpected FINS/TCP command";
        case Errc::tcp_error_reported: return "FINS/TCP peer reported an error";
        case Errc::invalid_address: return "invalid PLC memory address";
    }
    return {};
}

}  // namespace

const std::error_category& fins_category() noexcept {
    static const EnumErrorCategory<Errc> category("fins", &describe);
    return category;
}

}  // namespace plcbridge::fins
