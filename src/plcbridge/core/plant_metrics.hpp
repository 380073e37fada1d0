#pragma once
/// What plcbridge measures of the plant link (docs/OPERATIONS.md "Metrics"): one set, made by the
/// composition root and handed to the parts that update it; /metrics writes it out with the health
/// report's gauges (service/metrics_text).

#include "plcbridge/core/metrics.hpp"

namespace plcbridge::metrics {

/// Seconds: FINS answers in milliseconds, Odoo in up to its timeout.
inline const std::vector<double> kFinsSeconds{0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5};
inline const std::vector<double> kCycleSeconds{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
inline const std::vector<double> kOdooSeconds{0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};

struct PlantMetrics {
    Histogram fins_round_trip{kFinsSeconds};  ///< one FINS command, retries included
    LabelledCounters fins_errors;             ///< {code}: an end code "0x1103", or the transport's failure
    Histogram plc_cycle{kCycleSeconds};       ///< one Task-2 run
    Counter plc_cycle_overruns;               ///< runs longer than the read interval
    Counter plc_cycles;
    Counter plc_cycle_commands;  ///< FINS commands of all Task-2 runs (per cycle: divide by plc_cycles)
    std::atomic<std::uint64_t> plc_last_cycle_commands{0};  ///< of the last run (1 when all is well)
    LabelledCounters odoo_calls;                            ///< {endpoint, outcome}
    LabelledHistograms odoo_call_seconds{kOdooSeconds};     ///< {endpoint}
};

}  // namespace plcbridge::metrics
