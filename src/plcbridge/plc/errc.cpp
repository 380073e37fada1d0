#include "plcbridge/plc/errc.hpp"

#include "plcbridge/core/enum_error_category.hpp"

#include <string>

namespace plcbridge::plc {
namespace {

std::string_view describe(Errc e) noexcept {
    switch (e) {
        case Errc::timeout: return "PLC did not answer in time";
        case Errc::unreachable: return "PLC unreachable";
        case Errc::connection_lost: return "connection to the PLC lost";
        case Errc::handshake_failed: return "FINS/TCP node address handshake failed";
        case Errc::malformed_reply: return "malformed reply from the PLC";
        case Errc::invalid_request: return "invalid PLC request";
        case Errc::busy: return "PLC client busy: too many queued requests";
        case Errc::not_leading: return "this instance does not lead the line: no PLC exchange";
    }
    return {};
}

}  // namespace

const std::error_category& plc_category() noexcept {
    static const EnumErrorCategory<Errc> category("plc", &describe);
    return category;
}

}  // namespace plcbridge::plc
