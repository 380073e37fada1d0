#include "plcbridge/app/plc_commands.hpp"

#include <charconv>
#include <iostream>

#include <fmt/format.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include "plcbridge/app/config.hpp"
#include "plcbridge/app/exit_codes.hpp"
#include "plcbridge/fins/end_code.hpp"
#include "plcbridge/plc/plc_client.hpp"

namespace plcbridge::app {

namespace asio = boost::asio;

namespace {

/// The configuration for `target`, or the exit code after saying why not.
template <class Body>
int with_target(const PlcTarget& target, Body body) {
    auto config = resolve_target(target);
    if (!config) return fail(kExitBadUsage, config.error().message());
    return with_client(*config, std::move(body));
}

Result<std::uint16_t> parse_word(const std::string& text) {
    // Decimal (0..65535, or -32768..-1 as two's complement) or 0x-prefixed hex.
    int base = 10;
    std::string_view digits = text;
    bool negative = false;
    if (digits.starts_with("0x") || digits.starts_with("0X")) {
        base = 16;
        digits.remove_prefix(2);
    } else if (digits.starts_with("-")) {
        negative = true;
        digits.remove_prefix(1);
    }
    long value = 0;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value, base);
    const long limit = negative ? 32768 : 65535;
    if (digits.empty() || ec != std::errc{} || end != digits.data() + digits.size() || value > limit) {
        return Error{make_error_code(ConfigErrc::invalid_value),
                     fmt::format("value '{}' is not a 16-bit word (0..65535, -32768..-1, or 0x0000..0xFFFF)", text)};
    }
    return static_cast<std::uint16_t>(negative ? 65536 - value : value);
}

}  // namespace

int plc_read_command(const PlcTarget& target, const std::string& address_text, std::size_t count) {
    auto address = fins::parse_address(address_text);
    if (!address) return fail(kExitBadUsage, address.error().message());
    if (count == 0 || count > 65535) return fail(kExitBadUsage, "COUNT must be from 1 to 65535");
    return with_target(target, [&](plc::PlcClient& client) -> asio::awaitable<int> {
        auto values = co_await client.read(*address, count);
        if (!values) co_return fail(kExitRuntimeFailure, values.error().message());
        for (std::size_t i = 0; i < values->size(); ++i) {
            const auto at = fins::advance(*address, static_cast<std::uint32_t>(i));
            const std::uint16_t v = (*values)[i];
            std::cout << fmt::format("{:<9} {:>5}  0x{:04X}  {:>6}\n", fins::format_address(*at), v, v,
                                     static_cast<std::int16_t>(v));
        }
        co_return kExitOk;
    });
}

int plc_write_command(const PlcTarget& target, const std::string& address_text, const std::vector<std::string>& texts) {
    auto address = fins::parse_address(address_text);
    if (!address) return fail(kExitBadUsage, address.error().message());
    if (texts.empty()) return fail(kExitBadUsage, "give at least one VALUE to write");
    std::vector<std::uint16_t> values;
    for (const auto& t : texts) {
        auto v = parse_word(t);
        if (!v) return fail(kExitBadUsage, v.error().message());
        values.push_back(*v);
    }
    return with_target(target, [&](plc::PlcClient& client) -> asio::awaitable<int> {
        auto written = co_await client.write(*address, values);
        if (!written) co_return fail(kExitRuntimeFailure, written.error().message());
        std::cout << fmt::format("wrote {} value(s) at {} on {}\n", values.size(), fins::format_address(*address),
                                 client.transport().peer());
        co_return kExitOk;
    });
}

int plc_status_command(const PlcTarget& target) {
    return with_target(target, [&](plc::PlcClient& client) -> asio::awaitable<int> {
        auto status = co_await client.read_status();
        if (!status) co_return fail(kExitRuntimeFailure, status.error().message());
        auto clock = co_await client.read_clock();
        if (!clock) co_return fail(kExitRuntimeFailure, clock.error().message());
        auto data = co_await client.read_controller_data();

        std::cout << fmt::format("plc:        {} (node {})\n", client.transport().peer(),
                                 client.transport().nodes().plc);
        if (data) {
            std::cout << fmt::format("model:      {} (version {})\n", data->model, data->version);
        } else {
            std::cout << fmt::format("model:      unavailable ({})\n", data.error().message());
        }
        std::cout << fmt::format("mode:       {}\n", fins::mode_name(status->mode));
        std::cout << fmt::format("running:    {}{}\n", status->running() ? "yes" : "no",
                                 status->standby() ? " (CPU standby)" : "");
        std::cout << fmt::format("fatal:      {}\n", status->fatal_errors
                                                         ? fmt::format("0x{:04X}", status->fatal_errors)
                                                         : std::string("none"));
        std::cout << fmt::format("non-fatal:  {}\n", status->non_fatal_errors
                                                         ? fmt::format("0x{:04X}", status->non_fatal_errors)
                                                         : std::string("none"));
        std::cout << fmt::format("FAL/FALS:   {}\n", status->fal_code);
        std::cout << fmt::format("message:    {}\n", status->error_message.empty() ? "-" : status->error_message);
        std::cout << fmt::format("clock:      {}\n", fins::format_clock(*clock));
        co_return kExitOk;
    });
}

}  // namespace plcbridge::app
