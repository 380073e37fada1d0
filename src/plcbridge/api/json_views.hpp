#pragma once
/// What the API answers, as JSON: batches with their consumption lines and Odoo jobs, histories,
/// health, the read cycle's outcome, the scheduler, and the error body {"error", "message"}.
/// Times are ISO-8601 UTC; amounts are numbers in kg with the PLC's two decimals.

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "plcbridge/service/health.hpp"
#include "plcbridge/service/scheduler.hpp"
#include "plcbridge/service/service.hpp"
#include "plcbridge/store/records.hpp"
#include "plcbridge/tasks/plc_sync.hpp"

namespace plcbridge::api {

using Json = nlohmann::json;

/// An ISO-8601 UTC time, or null.
[[nodiscard]] Json time_or_null(const std::optional<store::TimePoint>& t);
/// [{"equipment", "planned", "actual"}, ...] in kg.
[[nodiscard]] Json lines_json(const std::vector<store::BatchLine>& lines);
[[nodiscard]] Json batch_json(const service::BatchView& view);
[[nodiscard]] Json history_json(const store::History& history);
[[nodiscard]] Json health_json(const service::HealthReport& health, std::chrono::milliseconds stale_after);
[[nodiscard]] Json sync_outcome_json(const tasks::SyncOutcome& outcome);
[[nodiscard]] Json scheduler_json(bool enabled, const std::vector<service::TaskStatus>& tasks);
[[nodiscard]] std::string error_body(std::string_view code, std::string_view message);

}  // namespace plcbridge::api
