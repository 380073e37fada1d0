#pragma once
/// "HOST:PORT" as given to --listen ("127.0.0.1:9600", "[::1]:0").

#include <cstdint>
#include <string>
#include <string_view>

#include "plcbridge/core/result.hpp"

namespace plcbridge::app {

struct HostPort {
    std::string host;
    std::uint16_t port = 0;
};

[[nodiscard]] Result<HostPort> parse_host_port(std::string_view text);

}  // namespace plcbridge::app
