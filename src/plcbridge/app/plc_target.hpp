#pragma once
/// Which PLC the diagnostics talk to: --config FILE, optionally overridden by --host/--port/
/// --transport, and a helper that runs one coroutine against a fresh client.

#include <cstdint>
#include <iostream>
#include <optional>
#include <string>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include "plcbridge/app/config.hpp"
#include "plcbridge/app/exit_codes.hpp"
#include "plcbridge/fins/end_code.hpp"
#include "plcbridge/plc/plc_client.hpp"

namespace plcbridge::app {

struct PlcTarget {
    std::string config_path;
    std::optional<std::string> host;
    std::optional<std::uint16_t> port;
    std::optional<std::string> transport;
};

/// The configuration with the command-line overrides applied.
[[nodiscard]] Result<Config> resolve_target(const PlcTarget& target);

/// Prints "plcbridge: error: <message>" and returns `code`.
int fail(int code, const std::string& message);

/// Runs body(client) -> awaitable<int> on a private io_context and returns its exit code.
template <class Body>
int with_client(const Config& config, Body body) {
    const plc::ClientOptions options = to_client_options(config.plc);
    boost::asio::io_context io;
    plc::PlcClient client(io.get_executor(), plc::make_transport(io.get_executor(), options), options);
    auto future = boost::asio::co_spawn(io, body(client), boost::asio::use_future);
    io.run();
    const int code = future.get();
    if (auto warning = client.stats().standing_warning) {
        std::cerr << "plcbridge: warning: the PLC reports a standing error: " << fins::describe(*warning) << '\n';
    }
    return code;
}

}  // namespace plcbridge::app
