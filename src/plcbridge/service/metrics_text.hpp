#pragma once
/// GET /metrics: the plant metrics the parts counted, and the gauges the health report holds (jobs
/// by kind and state, batches by outcome, seconds since the last good PLC read), in Prometheus's
/// text format. Pure: tests feed it a set of metrics and a report. docs/OPERATIONS.md "Metrics"
/// lists every name.

#include <string>

#include "plcbridge/core/plant_metrics.hpp"
#include "plcbridge/service/health.hpp"

namespace plcbridge::service {

[[nodiscard]] std::string metrics_text(const metrics::PlantMetrics& m, const HealthReport& health,
                                       WallClock::time_point now);

}  // namespace plcbridge::service
