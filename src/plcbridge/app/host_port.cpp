#include "plcbridge/app/host_port.hpp"

#include <charconv>

#include <fmt/format.h>

#include "plcbridge/app/config.hpp"

namespace plcbridge::app {

Result<HostPort> parse_host_port(std::string_view text) {
    const auto colon = text.rfind(':');
    auto bad = [&](std::string_view why) {
        return Error{
            make_error_code(ConfigErrc::invalid_value),
            fmt::format("'{}': {} (expected HOST:PORT, e.g. 127.0.0.1:9600; port 0 picks a free one)", text, why)};
    };
    if (colon == std::string_view::npos || colon == 0) return bad("missing host or port");
    std::string_view host = text.substr(0, colon);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    std::string_view port_text = text.substr(colon + 1);
    unsigned port = 0;
    auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (port_text.empty() || ec != std::errc{} || end != port_text.data() + port_text.size() || port > 65535) {
        return bad("port is not a number from 0 to 65535");
    }
    return HostPort{std::string(host), static_cast<std::uint16_t>(port)};
}

}  // namespace plcbridge::app
