#pragma once
/// The names of the service's scheduled tasks: what `[tasks] disabled`, the scheduler API and the
/// logs call them, and what one task uses to poke another. Each task's declaration takes its name
/// from here.

#include <string_view>

namespace plcbridge::service {

inline constexpr std::string_view kMoSyncTask = "mo_sync";
inline constexpr std::string_view kPlcReadTask = "plc_read";
inline constexpr std::string_view kCancelWorkerTask = "cancel_worker";
inline constexpr std::string_view kProcessCompletedTask = "process_completed";
inline constexpr std::string_view kBatchHealthTask = "batch_health";
inline constexpr std::string_view kEquipmentFailuresTask = "equipment_failures";
inline constexpr std::string_view kLogRetentionTask = "log_retention";
inline constexpr std::string_view kStoreCheckTask = "store_check";

}  // namespace plcbridge::service
