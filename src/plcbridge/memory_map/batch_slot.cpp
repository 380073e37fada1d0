#include "plcbridge/memory_map/batch_slot.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "plcbridge/memory_map/errc.hpp"

namespace plcbridge::memory_map {
namespace {

template <class T>
const T* value_of(const SlotRecord& record, std::string_view key) {
    const FieldValue* v = record.get(key);
    return v == nullptr ? nullptr : std::get_if<T>(&v->value);
}

std::string text_of(const SlotRecord& r, std::string_view key) {
    const auto* s = value_of<std::string>(r, key);
    return s ? *s : std::string{};
}

Decimal decimal_of(const SlotRecord& r, std::string_view key) {
    const auto* d = value_of<Decimal>(r, key);
    return d ? *d : Decimal{};
}

bool flag_of(const SlotRecord& r, std::string_view key) {
    const auto* b = value_of<bool>(r, key);
    return b != nullptr && *b;
}

}  // namespace

BatchSlot to_batch_slot(const SlotRecord& record) {
    BatchSlot slot;
    slot.slot = record.slot;
    slot.status = record.status;
    slot.issues = record.issues();
    if (record.status == SlotStatus::empty || record.map == nullptr) return slot;
    slot.batch_no = decimal_of(record, "batch_no").raw;
    slot.mo_id = text_of(record, "mo_id");
    slot.bom = text_of(record, "bom");
    slot.finished_goods = text_of(record, "finished_goods");
    slot.quantity = decimal_of(record, "quantity");
    slot.consumption.reserve(record.map->equipment().size());
    for (const auto& e : record.map->equipment()) {
        const auto* amount = std::get_if<Decimal>(&record.values[e.consumption_field].value);
        slot.consumption.push_back({e.code, amount ? *amount : Decimal{}});
    }
    slot.finished = flag_of(record, "status_manufacturing");
    slot.failed = flag_of(record, "status_operation");
    slot.read_acknowledged = flag_of(record, "status_read_data");
    slot.weight_finished_good = decimal_of(record, "weight_finished_good");
    return slot;
}

Result<std::vector<std::uint16_t>> encode_recipe(const SlotArea& area, int slot, const BatchRecipe& recipe) {
    if (slot < 1 || slot > area.slots()) {
        return make_error(Errc::value_out_of_range,
                          fmt::format("{}: slot {} is outside 1..{}", area.name(), slot, area.slots()));
    }
    const MemoryMap& map = area.map();
    const std::vector<std::string> codes = map.equipment_codes();
    std::vector<std::pair<std::string, Value>> values = {
        {"batch_no", Decimal{recipe.batch_no, 1}},
        {"mo_id", recipe.mo_id},
        {"bom", recipe.bom},
        {"finished_goods", recipe.finished_goods},
        {"quantity", recipe.quantity},
        {"status_manufacturing", false},
        {"status_operation", false},
        {"status_read_data", false},
    };
    for (const std::string& code : codes) {
        const FieldSpec* id = map.find(code + "_id");
        if (id != nullptr && id->expected) values.emplace_back(code + "_id", Decimal{*id->expected, 1});
    }
    std::vector<std::string_view> seen;
    for (const EquipmentAmount& target : recipe.targets) {
        if (std::find(codes.begin(), codes.end(), target.code) == codes.end()) {
            return make_error(Errc::unknown_equipment,
                              fmt::format("{} slot {} (MO {}): equipment '{}' is not in {} (it has: {})", area.name(),
                                          slot, recipe.mo_id, target.code, map.origin(), fmt::join(codes, ", ")));
        }
        if (std::find(seen.begin(), seen.end(), target.code) != seen.end()) {
            return make_error(Errc::value_out_of_range,
                              fmt::format("{} slot {} (MO {}): equipment '{}' is listed twice", area.name(), slot,
                                          recipe.mo_id, target.code));
        }
        seen.push_back(target.code);
        values.emplace_back(target.code + "_consumption", target.amount);
    }
    // Keys the map lacks are simply not part of this plant's layout, except the identity ones.
    std::erase_if(values, [&](const auto& kv) {
        return map.find(kv.first) == nullptr && kv.first != "batch_no" && kv.first != "mo_id";
    });
    return area.encode_slot(slot, values);
}

}  // namespace plcbridge::memory_map
