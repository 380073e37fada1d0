#pragma once
/// The simulated PLC's I/O memory: DM, CIO, W, H and A areas sized like a CJ2M, word and bit
/// access, and the end codes a CJ2M gives for out-of-range or read-only access.

#include <cstdint>
#include <span>
#include <vector>

#include "plcbridge/fins/address.hpp"
#include "plcbridge/fins/end_code.hpp"

namespace plcbridge::sim {

class PlcMemory {
  public:
    static constexpr std::size_t kDmWords = 32768;
    static constexpr std::size_t kCioWords = 6144;
    static constexpr std::size_t kWorkWords = 512;
    static constexpr std::size_t kHoldingWords = 1536;
    static constexpr std::size_t kAuxiliaryWords = 1472;
    /// A0..A447 are read-only to FINS writes.
    static constexpr std::size_t kAuxiliaryReadOnlyWords = 448;

    PlcMemory();

    /// Elements from `start` into `out` (words, or 0/1 per bit for bit access).
    [[nodiscard]] fins::EndCode read(const fins::MemoryAddress& start, std::span<std::uint16_t> out) const;
    /// Absolute values from `start` (bit access: each value 0 or 1).
    [[nodiscard]] fins::EndCode write(const fins::MemoryAddress& start, std::span<const std::uint16_t> values);

    /// Direct access for tests and the batch runner (no FINS rules; out of range is ignored/0).
    [[nodiscard]] std::uint16_t word(fins::Area area, std::uint16_t index) const;
    void set_word(fins::Area area, std::uint16_t index, std::uint16_t value);

  private:
    [[nodiscard]] const std::vector<std::uint16_t>& area(fins::Area area) const;
    [[nodiscard]] std::vector<std::uint16_t>& area(fins::Area area);
    [[nodiscard]] fins::EndCode check_range(const fins::MemoryAddress& start, std::size_t count) const;

    std::vector<std::uint16_t> dm_;
    std::vector<std::uint16_t> cio_;
    std::vector<std::uint16_t> work_;
    std::vector<std::uint16_t> holding_;
    std::vector<std::uint16_t> auxiliary_;
};

}  // namespace plcbridge::sim
