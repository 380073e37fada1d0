#pragma once
/// The PLC's equipment-failure area (D8000-D8022 by default), typed: which equipment, what failed,
/// when (BCD date and time), and whether the middleware acknowledged it. Pure.

#include <optional>
#include <string>

#include "plcbridge/memory_map/slot_area.hpp"

namespace plcbridge::memory_map {

struct FailureEvent {
    std::string equipment_code;  ///< "silo101"
    std::string info;            ///< "START_FAILURE"
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    bool acknowledged = false;  ///< status_read_data = 1: already taken by the middleware

    /// "2026-11-28 16:30:20", the form Odoo's equipment-failure endpoint takes.
    [[nodiscard]] std::string timestamp() const;
};

/// What the area holds: nothing (no equipment code or text), an event, or words that do not decode
/// (then `problem` says why and nothing may be acted on).
struct FailureAreaReading {
    std::optional<FailureEvent> event;
    std::string problem;
};

[[nodiscard]] FailureAreaReading to_failure_event(const SlotRecord& record);

}  // namespace plcbridge::memory_map
