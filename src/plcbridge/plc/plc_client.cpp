#include "plcbridge/plc/plc_client.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "plcbridge/fins/errc.hpp"
#include "plcbridge/fins/reply_match.hpp"
#include "plcbridge/fins/request.hpp"
#include "plcbridge/plc/errc.hpp"
#include "plcbridge/plc/tcp_transport.hpp"
#include "plcbridge/plc/udp_transport.hpp"

namespace plcbridge::plc {

namespace asio = boost::asio;
using fins::MemoryAddress;

namespace {

/// A bounded label for a failed command: the PLC's end code ("0x1103"), or the client's own reason.
std::string failure_label(const Error& e) {
    if (e.code.category() == fins::end_code_category()) return fmt::format("0x{:04X}", e.code.value());
    if (e.code.category() != plc_category()) return "other";
    switch (static_cast<Errc>(e.code.value())) {
        case Errc::timeout: return "timeout";
        case Errc::unreachable: return "unreachable";
        case Errc::connection_lost: return "connection_lost";
        case Errc::handshake_failed: return "handshake_failed";
        case Errc::malformed_reply: return "malformed_reply";
        case Errc::invalid_request: return "invalid_request";
        case Errc::busy: return "busy";
        case Errc::not_leading: return "not_leading";
    }
    return "other";
}

}  // namespace

namespace {

std::string range_text(const MemoryAddress& start, std::size_t count) {
    return fmt::format("{} x{}", fins::format_address(start), count);
}

Error busy_error(const std::string& what) {
    return make_error(Errc::busy, what + ": too many requests already queued on this PLC client");
}

}  // namespace

std::unique_ptr<FrameTransport> make_transport(asio::any_io_executor executor, const ClientOptions& options) {
    if (options.transport == TransportKind::tcp) return std::make_unique<TcpTransport>(executor, options);
    return std::make_unique<UdpTransport>(executor, options);
}

PlcClient::PlcClient(asio::any_io_executor executor, std::unique_ptr<FrameTransport> transport, ClientOptions options)
    : executor_(executor),
      transport_(std::move(transport)),
      options_(std::move(options)),
      mutex_(executor, options_.max_queued_requests) {}

std::uint8_t PlcClient::next_sid() noexcept {
    // 1..254 as common clients do; 0 is avoided so that a zeroed frame never matches.
    sid_ = static_cast<std::uint8_t>(sid_ % 254 + 1);
    return sid_;
}

asio::awaitable<Result<void>> PlcClient::locked_exchange(fins::Command command, std::string what, Encoder encode,
                                                         Handler handle) {
    auto guard = co_await mutex_.lock();
    if (!guard.owns_lock()) co_return busy_error(what);
    co_return co_await exchange(command, what, encode, handle);
}

asio::awaitable<Result<void>> PlcClient::exchange(fins::Command command, std::string what, Encoder encode,
                                                  Handler handle) {
    const auto started = std::chrono::steady_clock::now();
    auto done = co_await exchange_with_retries(command, std::move(what), std::move(encode), std::move(handle));
    if (metrics_ != nullptr) {
        metrics_->fins_round_trip.observe(std::chrono::steady_clock::now() - started);
        if (!done) metrics_->fins_errors.add({failure_label(done.error())});
    }
    co_return done;
}

asio::awaitable<Result<void>> PlcClient::exchange_with_retries(fins::Command command, std::string what, Encoder encode,
                                                               Handler handle) {
    const auto code = static_cast<std::uint16_t>(command);
    const int attempts = 1 + std::max(0, options_.retries);
    std::optional<Error> last_error;

    for (int attempt = 1; attempt <= attempts; ++attempt) {
        if (leadership_ != nullptr && !leadership_->leading()) {
            co_return make_error(Errc::not_leading,
                                 fmt::format("{} {}: this instance does not lead the line (a standby, or its lease "
                                             "ran out); nothing was sent to the PLC",
                                             fins::command_name(code), what));
        }
        const Deadline deadline = std::chrono::steady_clock::now() + options_.timeout;
        if (auto opened = co_await transport_->open(deadline); !opened) {
            last_error = std::move(opened).error();
            continue;
        }
        const Nodes nodes = transport_->nodes();
        const fins::Header header = fins::make_command_header({0, nodes.plc, 0}, {0, nodes.client, 0}, next_sid());
        auto frame = encode(header);
        if (!frame) {
            co_return make_error(Errc::invalid_request, fmt::format("{}: {}", what, frame.error().message()));
        }
        ++stats_.attempts;
        if (auto sent = co_await transport_->send(*frame, deadline); !sent) {
            last_error = std::move(sent).error();
            continue;
        }

        bool retry_attempt = false;
        while (!retry_attempt) {
            auto received = co_await transport_->receive(deadline);
            if (!received) {
                if (received.error().code == make_error_code(Errc::timeout)) ++stats_.timeouts;
                last_error = std::move(received).error();
                retry_attempt = true;
                break;
            }
            auto reply = fins::decode_response(*received);
            if (!reply) {
                ++stats_.malformed_frames;
                continue;  // garbage on the wire is not our reply; keep waiting until the deadline
            }
            if (fins::match_reply(header, code, *reply) != fins::ReplyMismatch::none) {
                ++stats_.dropped_replies;
                continue;
            }
            const fins::EndCode end_code = reply->end_code;
            if (!end_code.success()) {
                // The code's message already names and explains the end code (with its flag bits).
                Error error{fins::to_error_code(end_code),
                            fmt::format("{} {} refused by {}{}", fins::command_name(code), what, transport_->peer(),
                                        fins::describe_flags(end_code))};
                if (fins::reaction(end_code) == fins::EndCodeReaction::retry) {
                    last_error = std::move(error);
                    retry_attempt = true;
                    break;
                }
                co_return error;
            }
            if (end_code.raw() != 0) {
                stats_.standing_warning = end_code;
            } else {
                stats_.standing_warning.reset();
            }
            if (auto handled = handle(*reply); !handled) {
                // The reply is ours but its body is wrong: treat like a corrupted frame and retry.
                ++stats_.malformed_frames;
                last_error =
                    make_error(Errc::malformed_reply, fmt::format("{} {} from {}: {}", fins::command_name(code), what,
                                                                  transport_->peer(), handled.error().message()));
                retry_attempt = true;
                break;
            }
            ++stats_.commands;
            co_return Result<void>{};
        }
    }

    // Every attempt failed. A stream that saw only timeouts may be half-open: start afresh.
    transport_->close();
    Error error = last_error.value_or(make_error(Errc::timeout, "no attempt made"));
    error.detail = fmt::format("{} {} after {} attempt(s): {}", fins::command_name(code), what, attempts, error.detail);
    co_return error;
}

asio::awaitable<Result<void>> PlcClient::read_into(MemoryAddress start, std::span<std::uint16_t> out) {
    const std::string what = range_text(start, out.size());
    if (out.empty())
        co_return make_error(Errc::invalid_request, "read of 0 elements at " + fins::format_address(start));
    if (!fins::advance(start, static_cast<std::uint32_t>(out.size() - 1))) {
        co_return make_error(Errc::invalid_request, what + " runs past the end of the address space");
    }
    auto guard = co_await mutex_.lock();
    if (!guard.owns_lock()) co_return busy_error(what);

    const std::size_t chunk = std::max<std::size_t>(1, options_.max_read_words);
    for (std::size_t done = 0; done < out.size(); done += chunk) {
        const auto count = static_cast<std::uint16_t>(std::min(chunk, out.size() - done));
        const MemoryAddress at = *fins::advance(start, static_cast<std::uint32_t>(done));
        std::span<std::uint16_t> part = out.subspan(done, count);
        auto result = co_await exchange(
            fins::Command::memory_area_read, range_text(at, count),
            [&](const fins::Header& h) { return fins::encode_memory_area_read(h, at, count); },
            [&](const fins::ResponseView& r) { return fins::decode_elements(r.data, at.access, part); });
        if (!result) co_return result;
    }
    co_return Result<void>{};
}

asio::awaitable<Result<std::vector<std::uint16_t>>> PlcClient::read(MemoryAddress start, std::size_t count) {
    std::vector<std::uint16_t> values(count);
    auto result = co_await read_into(start, values);
    if (!result) co_return std::move(result).error();
    co_return values;
}

asio::awaitable<Result<void>> PlcClient::write(MemoryAddress start, std::span<const std::uint16_t> values) {
    const std::string what = range_text(start, values.size());
    if (values.empty())
        co_return make_error(Errc::invalid_request, "write of 0 elements at " + fins::format_address(start));
    if (!fins::advance(start, static_cast<std::uint32_t>(values.size() - 1))) {
        co_return make_error(Errc::invalid_request, what + " runs past the end of the address space");
    }
    auto guard = co_await mutex_.lock();
    if (!guard.owns_lock()) co_return busy_error(what);

    const std::size_t chunk = std::max<std::size_t>(1, options_.max_write_words);
    for (std::size_t done = 0; done < values.size(); done += chunk) {
        const std::size_t count = std::min(chunk, values.size() - done);
        const MemoryAddress at = *fins::advance(start, static_cast<std::uint32_t>(done));
        std::span<const std::uint16_t> part = values.subspan(done, count);
        auto result = co_await exchange(
            fins::Command::memory_area_write, range_text(at, count),
            [&](const fins::Header& h) { return fins::encode_memory_area_write(h, at, part); },
            [&](const fins::ResponseView& r) -> Result<void> {
                if (!r.data.empty()) {
                    return make_error(fins::Errc::too_long, fmt::format("{} unexpected data bytes", r.data.size()));
                }
                return {};
            });
        if (!result) co_return result;
    }
    co_return Result<void>{};
}

asio::awaitable<Result<std::vector<std::uint16_t>>> PlcClient::read_multiple(std::span<const MemoryAddress> items) {
    std::vector<std::uint16_t> values(items.size());
    auto result = co_await locked_exchange(
        fins::Command::multiple_memory_area_read, fmt::format("{} items", items.size()),
        [&](const fins::Header& h) { return fins::encode_multiple_memory_area_read(h, items); },
        [&](const fins::ResponseView& r) { return fins::decode_multiple_read(r.data, items, values); });
    if (!result) co_return std::move(result).error();
    co_return values;
}

template <class T>
asio::awaitable<Result<T>> PlcClient::query(fins::Command command, Bytes (*encode)(const fins::Header&),
                                            Result<T> (*decode)(ByteView)) {
    std::optional<T> value;
    auto result = co_await locked_exchange(
        command, "", [encode](const fins::Header& h) -> Result<Bytes> { return encode(h); },
        [&](const fins::ResponseView& r) -> Result<void> {
            auto decoded = decode(r.data);
            if (!decoded) return std::move(decoded).error();
            value = std::move(*decoded);
            return {};
        });
    if (!result) co_return std::move(result).error();
    co_return std::move(*value);
}

asio::awaitable<Result<fins::ControllerStatus>> PlcClient::read_status() {
    return query<fins::ControllerStatus>(fins::Command::controller_status_read, &fins::encode_controller_status_read,
                                         &fins::decode_controller_status);
}

asio::awaitable<Result<fins::ClockTime>> PlcClient::read_clock() {
    return query<fins::ClockTime>(fins::Command::clock_read, &fins::encode_clock_read, &fins::decode_clock);
}

namespace {
Bytes encode_controller_data_base(const fins::Header& header) {
    return fins::encode_controller_data_read(header, std::uint8_t{0});  // model .. area data
}
}  // namespace

asio::awaitable<Result<fins::ControllerData>> PlcClient::read_controller_data() {
    return query<fins::ControllerData>(fins::Command::controller_data_read, &encode_controller_data_base,
                                       &fins::decode_controller_data);
}

}  // namespace plcbridge::plc
