#pragma once
/// A memory map: the fields of slot 1 (or of a single area such as the failure block), checked for
/// overlaps and duplicates. Slots 2..n repeat it at `slot_stride` words (SlotArea).

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "plcbridge/core/result.hpp"
#include "plcbridge/memory_map/field_spec.hpp"

namespace plcbridge::memory_map {

class MemoryMap {
  public:
    /// Validates and sorts the fields by address. `origin` names the source in messages.
    [[nodiscard]] static Result<MemoryMap> create(std::vector<FieldSpec> fields, std::string origin);

    [[nodiscard]] std::span<const FieldSpec> fields() const noexcept { return fields_; }
    [[nodiscard]] const FieldSpec* find(std::string_view key) const noexcept;
    [[nodiscard]] std::size_t index_of(std::string_view key) const noexcept;  ///< fields().size() when absent
    /// First word of slot 1 (the lowest field address).
    [[nodiscard]] std::uint16_t base() const noexcept { return base_; }
    /// Words from base() to the end of the last field (77 for the plant's slots).
    [[nodiscard]] std::uint16_t span() const noexcept { return span_; }
    [[nodiscard]] const std::string& origin() const noexcept { return origin_; }

    /// An error naming every key of `keys` the map lacks.
    [[nodiscard]] Result<void> require(std::span<const std::string_view> keys) const;

    /// One piece of equipment: keys "<code>_id" and "<code>_consumption" (e.g. "silo101").
    struct Equipment {
        std::string code;
        std::size_t id_field;           ///< index into fields()
        std::size_t consumption_field;  ///< index into fields()
    };
    /// The equipment in map order (worked out once, at creation).
    [[nodiscard]] std::span<const Equipment> equipment() const noexcept { return equipment_; }
    /// Equipment codes ("silo101", ..., "lq115") in map order.
    [[nodiscard]] std::vector<std::string> equipment_codes() const;

  private:
    std::vector<Equipment> equipment_;
    std::vector<FieldSpec> fields_;
    std::uint16_t base_ = 0;
    std::uint16_t span_ = 0;
    std::string origin_;
};

}  // namespace plcbridge::memory_map
