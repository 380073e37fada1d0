#pragma once
/// The FINS client: one long-lived transport, a fresh SID per attempt, replies matched by SID +
/// command + source (stale, duplicate and foreign frames dropped), a deadline on every attempt,
/// bounded retries, and reads/writes split at the protocol limits. PLC end codes come back as
/// errors in fins::end_code_category() with their names.
///
/// Threading: all calls on the executor given at construction (one io_context thread). Calls from
/// several coroutines are queued, never interleaved on the wire.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include "plcbridge/async/async_mutex.hpp"
#include "plcbridge/core/leadership.hpp"
#include "plcbridge/core/plant_metrics.hpp"
#include "plcbridge/core/result.hpp"
#include "plcbridge/fins/address.hpp"
#include "plcbridge/fins/end_code.hpp"
#include "plcbridge/fins/header.hpp"
#include "plcbridge/fins/response.hpp"
#include "plcbridge/plc/client_options.hpp"
#include "plcbridge/plc/frame_transport.hpp"

namespace plcbridge::plc {

/// Counters for health reporting and tests.
struct ClientStats {
    std::uint64_t commands = 0;          ///< FINS commands that completed (one per chunk)
    std::uint64_t attempts = 0;          ///< frames sent, retries included
    std::uint64_t timeouts = 0;          ///< attempts that saw no matching reply
    std::uint64_t dropped_replies = 0;   ///< stale, duplicate or foreign replies ignored
    std::uint64_t malformed_frames = 0;  ///< frames that did not decode
    /// The last end code that completed with a flag set (e.g. 0x0040: a standing non-fatal PLC
    /// error); cleared by a clean reply.
    std::optional<fins::EndCode> standing_warning;
};

class PlcClient {
  public:
    PlcClient(boost::asio::any_io_executor executor, std::unique_ptr<FrameTransport> transport, ClientOptions options);

    /// `count` elements from `start`, split into commands of at most max_read_words.
    boost::asio::awaitable<Result<std::vector<std::uint16_t>>> read(fins::MemoryAddress start, std::size_t count);
    /// The same into caller-owned storage (no allocation for the result).
    boost::asio::awaitable<Result<void>> read_into(fins::MemoryAddress start, std::span<std::uint16_t> out);
    /// Absolute values from `start`, split into commands of at most max_write_words. Retried like
    /// reads: writing the same absolute values twice is harmless.
    boost::asio::awaitable<Result<void>> write(fins::MemoryAddress start, std::span<const std::uint16_t> values);
    /// 0104: one value per item, in order (at most 167 items).
    boost::asio::awaitable<Result<std::vector<std::uint16_t>>> read_multiple(
        std::span<const fins::MemoryAddress> items);
    boost::asio::awaitable<Result<fins::ControllerStatus>> read_status();
    boost::asio::awaitable<Result<fins::ClockTime>> read_clock();
    boost::asio::awaitable<Result<fins::ControllerData>> read_controller_data();

    void close() { transport_->close(); }
    /// From now on every FINS command's round trip and failure is counted in `metrics`.
    void count_in(metrics::PlantMetrics& metrics) noexcept { metrics_ = &metrics; }
    /// From now on every attempt (a retry too) first asks whether this instance still leads its
    /// line and sends nothing when it does not (Errc::not_leading): a leader whose lease ran out
    /// stops touching the PLC at once, even in the middle of a task's run (docs/FAILOVER.md).
    void exchange_only_while(const Leadership& leadership) noexcept { leadership_ = &leadership; }
    [[nodiscard]] const ClientStats& stats() const noexcept { return stats_; }
    [[nodiscard]] const FrameTransport& transport() const noexcept { return *transport_; }
    [[nodiscard]] const ClientOptions& options() const noexcept { return options_; }

  private:
    using Encoder = std::function<Result<Bytes>(const fins::Header&)>;
    using Handler = std::function<Result<void>(const fins::ResponseView&)>;

    /// One FINS command with retries, counted in the metrics. `what` names it in error messages
    /// ("read D6000 x77").
    boost::asio::awaitable<Result<void>> exchange(fins::Command command, std::string what, Encoder encode,
                                                  Handler handle);
    boost::asio::awaitable<Result<void>> exchange_with_retries(fins::Command command, std::string what, Encoder encode,
                                                               Handler handle);
    /// Serialises exchange() between coroutines.
    boost::asio::awaitable<Result<void>> locked_exchange(fins::Command command, std::string what, Encoder encode,
                                                         Handler handle);
    /// A command without parameters (0501/0601/0701) whose reply body decodes into a T.
    template <class T>
    boost::asio::awaitable<Result<T>> query(fins::Command command, Bytes (*encode)(const fins::Header&),
                                            Result<T> (*decode)(ByteView));
    std::uint8_t next_sid() noexcept;

    boost::asio::any_io_executor executor_;
    std::unique_ptr<FrameTransport> transport_;
    ClientOptions options_;
    async::AsyncMutex mutex_;
    std::uint8_t sid_ = 0;
    ClientStats stats_;
    metrics::PlantMetrics* metrics_ = nullptr;
    const Leadership* leadership_ = nullptr;
};

/// The transport that options.transport names.
[[nodiscard]] std::unique_ptr<FrameTransport> make_transport(boost::asio::any_io_executor executor,
                                                             const ClientOptions& options);

}  // namespace plcbridge::plc
