#include "plcbridge/memory_map/slot_area.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "plcbridge/memory_map/errc.hpp"

namespace plcbridge::memory_map {

std::string_view status_name(SlotStatus status) noexcept {
    switch (status) {
        case SlotStatus::valid: return "valid";
        case SlotStatus::degraded: return "degraded";
        case SlotStatus::invalid: return "invalid";
        case SlotStatus::empty: return "empty";
    }
    return "?";
}

const FieldValue* SlotRecord::get(std::string_view key) const noexcept {
    if (map == nullptr) return nullptr;
    const std::size_t i = map->index_of(key);
    return i < values.size() ? &values[i] : nullptr;
}

std::vector<std::string> SlotRecord::issues() const {
    std::vector<std::string> out;
    if (map == nullptr) return out;
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (values[i].ok()) continue;
        const FieldSpec& f = map->fields()[i];
        const auto at = static_cast<std::uint16_t>(address + (f.address - map->base()));
        out.push_back(fmt::format("{} at D{}: {}", f.key, at, values[i].issue));
    }
    return out;
}

Result<SlotArea> SlotArea::create(MemoryMap map, int slots, int stride, std::string name) {
    if (slots < 1) return make_error(Errc::layout_out_of_range, fmt::format("{}: slots must be at least 1", name));
    if (slots > 1 && stride < map.span()) {
        return make_error(
            Errc::layout_out_of_range,
            fmt::format("{}: slot_stride {} is smaller than one slot ({} words from {}): slots would overlap", name,
                        stride, map.span(), map.origin()));
    }
    const long last_end = long{map.base()} + long{slots - 1} * stride + map.span();
    if (last_end > 32768) {
        return make_error(Errc::layout_out_of_range,
                          fmt::format("{}: {} slots of stride {} from D{} end at D{}, beyond D32767", name, slots,
                                      stride, map.base(), last_end - 1));
    }
    if (long{slots - 1} * stride + map.span() > 65535) {
        return make_error(Errc::layout_out_of_range, fmt::format("{}: the area is larger than 65535 words", name));
    }
    return SlotArea(std::move(map), slots, stride, std::move(name));
}

std::uint16_t SlotArea::slot_address(int slot) const noexcept {
    return static_cast<std::uint16_t>(map_.base() + (slot - 1) * stride_);
}

std::uint16_t SlotArea::field_address(int slot, const FieldSpec& field) const noexcept {
    return static_cast<std::uint16_t>(slot_address(slot) + (field.address - map_.base()));
}

std::uint16_t SlotArea::total_words() const noexcept {
    return static_cast<std::uint16_t>((slots_ - 1) * stride_ + map_.span());
}

SlotRecord SlotArea::decode_slot(int slot, std::span<const std::uint16_t> words) const {
    SlotRecord record{&map_, slot, slot_address(slot), SlotStatus::valid, {}};
    if (std::all_of(words.begin(), words.end(), [](std::uint16_t w) { return w == 0; })) {
        record.status = SlotStatus::empty;
        return record;
    }
    record.values.reserve(map_.fields().size());
    for (const FieldSpec& f : map_.fields()) {
        record.values.push_back(decode_field(f, words.subspan(f.address - map_.base(), f.words), slot));
        if (!record.values.back().ok()) {
            if (f.key_field) {
                record.status = SlotStatus::invalid;
            } else if (record.status == SlotStatus::valid) {
                record.status = SlotStatus::degraded;
            }
        }
    }
    return record;
}

std::vector<SlotRecord> SlotArea::decode_all(std::span<const std::uint16_t> words) const {
    std::vector<SlotRecord> records;
    records.reserve(static_cast<std::size_t>(slots_));
    for (int slot = 1; slot <= slots_; ++slot) {
        const auto offset = static_cast<std::size_t>((slot - 1) * stride_);
        records.push_back(decode_slot(slot, words.subspan(offset, map_.span())));
    }
    return records;
}

Result<std::vector<std::uint16_t>> SlotArea::encode_slot(int slot,
                                                         std::span<const std::pair<std::string, Value>> values) const {
    std::vector<std::uint16_t> words(map_.span(), 0);
    for (const auto& [key, value] : values) {
        const FieldSpec* f = map_.find(key);
        if (f == nullptr) {
            return make_error(Errc::missing_key,
                              fmt::format("{} slot {}: '{}' is not in {}", name_, slot, key, map_.origin()));
        }
        auto encoded =
            encode_field(*f, value, std::span<std::uint16_t>(words).subspan(f->address - map_.base(), f->words), slot);
        if (!encoded) {
            Error e = std::move(encoded).error();
            e.detail = fmt::format("{} slot {} at D{}: {}", name_, slot, field_address(slot, *f), e.detail);
            return e;
        }
    }
    return words;
}

}  // namespace plcbridge::memory_map
