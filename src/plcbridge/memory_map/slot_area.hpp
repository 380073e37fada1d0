#pragma once
/// A memory map repeated over `slots` slots, `stride` words apart (docs/CONTRACT.md "PLC memory layout"): the READ
/// area D6000.., the WRITE area D7000.., or a single block such as the failure area (slots = 1).
/// Decodes a whole area from one read, and encodes one slot's words.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "plcbridge/core/result.hpp"
#include "plcbridge/memory_map/field_codec.hpp"
#include "plcbridge/memory_map/memory_map.hpp"

namespace plcbridge::memory_map {

enum class SlotStatus {
    valid,     ///< every field decoded and passed its checks
    degraded,  ///< key fields fine, some other field invalid (see issues)
    invalid,   ///< a key field is invalid: the slot must not drive any action
    empty,     ///< every word is zero: no batch in this slot
};
[[nodiscard]] std::string_view status_name(SlotStatus status) noexcept;

/// One decoded slot. values[i] belongs to map.fields()[i].
struct SlotRecord {
    const MemoryMap* map = nullptr;
    int slot = 0;
    std::uint16_t address = 0;  ///< first word of this slot
    SlotStatus status = SlotStatus::empty;
    std::vector<FieldValue> values;

    [[nodiscard]] const FieldValue* get(std::string_view key) const noexcept;
    /// "status_operation at D6073: BOOL word holds 0x0082 (must be 0 or 1)" for every invalid field.
    [[nodiscard]] std::vector<std::string> issues() const;
};

class SlotArea {
  public:
    /// Checks that every slot fits the DM area and that slots do not overlap (stride >= span).
    [[nodiscard]] static Result<SlotArea> create(MemoryMap map, int slots, int stride, std::string name);

    [[nodiscard]] const MemoryMap& map() const noexcept { return map_; }
    [[nodiscard]] int slots() const noexcept { return slots_; }
    [[nodiscard]] int stride() const noexcept { return stride_; }
    [[nodiscard]] const std::string& name() const noexcept { return name_; }
    [[nodiscard]] std::uint16_t slot_address(int slot) const noexcept;
    [[nodiscard]] std::uint16_t field_address(int slot, const FieldSpec& field) const noexcept;
    /// Words from slot 1's first word to the end of the last slot (977 for the plant's areas).
    [[nodiscard]] std::uint16_t total_words() const noexcept;

    /// One slot from its map().span() words.
    [[nodiscard]] SlotRecord decode_slot(int slot, std::span<const std::uint16_t> words) const;
    /// Every slot from total_words() words starting at slot_address(1).
    [[nodiscard]] std::vector<SlotRecord> decode_all(std::span<const std::uint16_t> words) const;

    /// map().span() words for `slot`: each (key, value) encoded into its field, every other word 0.
    [[nodiscard]] Result<std::vector<std::uint16_t>> encode_slot(
        int slot, std::span<const std::pair<std::string, Value>> values) const;

  private:
    SlotArea(MemoryMap map, int slots, int stride, std::string name)
        : map_(std::move(map)), slots_(slots), stride_(stride), name_(std::move(name)) {}

    MemoryMap map_;
    int slots_;
    int stride_;
    std::string name_;
};

}  // namespace plcbridge::memory_map
