#pragma once
/// The names of the service's scheduled tasks: what `[tasks] disabled`, the scheduler API and the
/// logs call them. Apart from service.hpp so that the configuration can check names without the
/// whole service.

#include <string_view>
#include <vector>

namespace plcbridge::service {

inline constexpr std::string_view kMoSyncTask = "mo_sync";
inline constexpr std::string_view kPlcReadTask = "plc_read";
inline constexpr std::string_view kCancelWorkerTask = "cancel_worker";
inline constexpr std::string_view kProcessCompletedTask = "process_completed";
inline constexpr std::string_view kBatchHealthTask = "batch_health";
inline constexpr std::string_view kEquipmentFailuresTask = "equipment_failures";
inline constexpr std::string_view kLogRetentionTask = "log_retention";
inline constexpr std::string_view kStoreCheckTask = "store_check";
/// The tasks this service schedules (config [tasks] disabled may name them).
[[nodiscard]] std::vector<std::string_view> service_task_names();

}  // namespace plcbridge::service
