#pragma once
/// What the operator console shows, decided here and nowhere else (docs/CONSOLE.md "Line view" and
/// "Attention"): the state of each PLC slot and the list of things that need a person, from the
/// active batches, the latest archived ones, the recent equipment failures and health. Pure: the
/// same inputs give the same JSON, so the change feed can tell a real change by comparing texts.
/// No time of the read goes in (that would change every time); the page counts "time since" itself.

#include <set>
#include <string>
#include <vector>

#include "plcbridge/api/json_views.hpp"
#include "plcbridge/service/service_api.hpp"

namespace plcbridge::api {

/// A slot's state on its card.
enum class SlotState { empty, queued, dosing, finished, failed, cancelling, needs_attention, cancelled, completed };
[[nodiscard]] std::string_view slot_state_name(SlotState s) noexcept;

/// The state of an active batch (its jobs decide between failed, cancelling and needs attention).
[[nodiscard]] SlotState active_slot_state(const service::BatchView& view) noexcept;

/// {"slots": [...one per slot 1..slots...], "attention": [...]}.
[[nodiscard]] Json console_state_json(const service::ConsoleInputs& inputs, const service::HealthReport& health,
                                      std::chrono::milliseconds stale_after, int slots);

/// The audit target that acknowledges an equipment failure ("equipment_failure:<id>").
[[nodiscard]] std::string equipment_failure_target(std::int64_t id);

}  // namespace plcbridge::api
