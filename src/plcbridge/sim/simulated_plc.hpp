#pragma once
/// The simulated PLC: memory image + FINS dispatch + fault knobs. handle() turns one request frame
/// into the frames to send back; the servers only move bytes (the shape of libplctag's ab_server
/// test PLC). Thread-safe: tests poke memory and knobs while a server thread serves.

#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <vector>

#include "plcbridge/core/byte_order.hpp"
#include "plcbridge/fins/response.hpp"
#include "plcbridge/sim/fault_knobs.hpp"
#include "plcbridge/sim/plc_memory.hpp"

namespace plcbridge::sim {

/// What happened to requests, per command code.
struct SimStats {
    std::uint64_t requests = 0;          ///< frames received that decoded as commands
    std::uint64_t invalid_frames = 0;    ///< frames that did not decode (dropped or answered 10xx)
    std::uint64_t memory_reads = 0;      ///< 0101 executed
    std::uint64_t memory_writes = 0;     ///< 0102 executed
    std::uint64_t multiple_reads = 0;    ///< 0104 executed
    std::uint64_t other_commands = 0;    ///< 0501, 0601, 0701 executed
    std::uint64_t dropped_requests = 0;  ///< by the drop knob
    std::uint64_t lost_replies = 0;      ///< by the lose knob
    std::uint64_t forced_end_codes = 0;  ///< answered by the forced end-code knob
};

/// One request the PLC accepted, as its log keeps it: when, from which FINS node, which command.
/// The failover tests prove with it that a fenced instance sent nothing after a take-over.
struct RequestRecord {
    std::chrono::steady_clock::time_point at;
    std::uint8_t source_node = 0;  ///< SA1 of the request
    std::uint16_t command = 0;     ///< e.g. 0x0102 for a memory-area write
};

/// The frames to send for one request, and how long to wait first.
struct Dispatch {
    std::vector<Bytes> replies;
    std::chrono::milliseconds delay{0};
};

struct SimulatedPlcOptions {
    std::uint8_t node = 1;  ///< our FINS node (DA1 we answer to; TCP server node)
    std::string model = "CJ2M-CPU33";
    std::string version = "02.00";
};

class SimulatedPlc {
  public:
    explicit SimulatedPlc(SimulatedPlcOptions options = {});

    /// One request frame in, the reply frames out (none for dropped/garbage/no-response requests).
    [[nodiscard]] Dispatch handle(ByteView request);

    [[nodiscard]] std::uint8_t node() const noexcept { return options_.node; }

    // Memory access for tests and the batch runner.
    [[nodiscard]] std::uint16_t word(fins::Area area, std::uint16_t index) const;
    void set_word(fins::Area area, std::uint16_t index, std::uint16_t value);
    [[nodiscard]] std::vector<std::uint16_t> words(fins::Area area, std::uint16_t start, std::size_t count) const;
    void set_words(fins::Area area, std::uint16_t start, std::span<const std::uint16_t> values);

    [[nodiscard]] FaultKnobs knobs() const;
    void set_knobs(const FaultKnobs& knobs);
    /// Mode reported by 0601 (RUN by default).
    void set_mode(fins::PlcMode mode);
    /// Clock reported by 0701; nullopt = the host's UTC clock.
    void set_clock(std::optional<fins::ClockTime> clock);
    /// Calls `observer` after every executed 0102 write (under the lock; keep it short).
    void on_write(std::function<void(const fins::MemoryAddress&, std::size_t)> observer);

    [[nodiscard]] SimStats stats() const;
    void reset_stats();
    /// Every request addressed to this PLC, oldest first (the last kRequestLogCap of them).
    [[nodiscard]] std::vector<RequestRecord> request_log() const;
    static constexpr std::size_t kRequestLogCap = 200000;

  private:
    [[nodiscard]] fins::EndCode execute(std::uint16_t command, ByteView parameters, Bytes& data);
    [[nodiscard]] fins::ClockTime clock_now() const;

    SimulatedPlcOptions options_;
    mutable std::mutex mutex_;
    PlcMemory memory_;
    FaultKnobs knobs_;
    SimStats stats_;
    std::vector<RequestRecord> request_log_;
    fins::PlcMode mode_ = fins::PlcMode::run;
    std::optional<fins::ClockTime> clock_;
    std::function<void(const fins::MemoryAddress&, std::size_t)> write_observer_;
};

}  // namespace plcbridge::sim
