#include "plcbridge/plc/errc.hpp"

#include <string>

namespace plcbridge::plc {
namespace {

class PlcCategory final : public std::error_category {
  public:
    const char* name() const noexcept override { return "plc"; }
    std::string message(int value) const override {
        switch (static_cast<Errc>(value)) {
            case Errc::timeout: return "PLC did not answer in time";
            case Errc::unreachable: return "PLC unreachable";
            case Errc::connection_lost: return "connection to the PLC lost";
            case Errc::handshake_failed: return "FINS/TCP node address handshake failed";
            case Errc::malformed_reply: return "malformed reply from the PLC";
            case Errc::invalid_request: return "invalid PLC request";
            case Errc::busy: return "PLC client busy: too many queued requests";
        }
        return "unknown plc error " + std::to_string(value);
    }
};

}  // namespace

const std::error_category& plc_category() noexcept {
    static const PlcCategory category;
    return category;
}

}  // namespace plcbridge::plc
