#include "plcbridge/memory_map/failure_event.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace plcbridge::memory_map {

std::string FailureEvent::timestamp() const {
    return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02}", year, month, day, hour, minute, second);
}

namespace {
std::string text_of(const SlotRecord& r, std::string_view key) {
    const FieldValue* v = r.get(key);
    if (v == nullptr) return {};
    const auto* s = std::get_if<std::string>(&v->value);
    return s != nullptr ? *s : std::string();
}
int number_of(const SlotRecord& r, std::string_view key) {
    const FieldValue* v = r.get(key);
    if (v == nullptr) return 0;
    if (const auto* d = std::get_if<Decimal>(&v->value)) return static_cast<int>(d->raw / d->scale);
    return 0;
}
}  // namespace

FailureAreaReading to_failure_event(const SlotRecord& record) {
    FailureAreaReading out;
    if (record.status == SlotStatus::empty) return out;
    FailureEvent e;
    e.equipment_code = text_of(record, "equipment_code");
    e.info = text_of(record, "info");
    if (e.equipment_code.empty() && e.info.empty()) return out;  // no event in the area
    if (record.status != SlotStatus::valid) {
        out.problem = fmt::format("the equipment-failure area does not decode: {}", fmt::join(record.issues(), "; "));
        return out;
    }
    e.year = number_of(record, "year");
    e.month = number_of(record, "month");
    e.day = number_of(record, "day");
    e.hour = number_of(record, "hour");
    e.minute = number_of(record, "minute");
    e.second = number_of(record, "second");
    if (const FieldValue* ack = record.get("status_read_data")) {
        if (const auto* b = std::get_if<bool>(&ack->value)) e.acknowledged = *b;
    }
    out.event = std::move(e);
    return out;
}

}  // namespace plcbridge::memory_map
