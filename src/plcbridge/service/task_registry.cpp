#include "plcbridge/service/task_registry.hpp"

#include <algorithm>

namespace plcbridge::service {

// Each task's entry, defined in its own file.
TaskEntry mo_sync_task();
TaskEntry plc_read_task();
TaskEntry cancel_worker_task();
TaskEntry process_completed_task();
TaskEntry batch_health_task();
TaskEntry equipment_failures_task();
TaskEntry log_retention_task();
TaskEntry store_check_task();

const std::vector<TaskEntry>& registered_tasks() {
    // A constant table (declarations and factories), the same for every service in the process.
    static const std::vector<TaskEntry> entries{
        mo_sync_task(),      plc_read_task(),           cancel_worker_task(), process_completed_task(),
        batch_health_task(), equipment_failures_task(), log_retention_task(), store_check_task(),
    };
    return entries;
}

std::vector<std::string_view> service_task_names() {
    std::vector<std::string_view> names;
    for (const TaskEntry& e : registered_tasks())
        names.push_back(e.declaration.name);
    return names;
}

const TaskDeclaration* find_task(std::string_view name) {
    const auto& entries = registered_tasks();
    auto it =
        std::find_if(entries.begin(), entries.end(), [name](const TaskEntry& e) { return e.declaration.name == name; });
    return it == entries.end() ? nullptr : &it->declaration;
}

std::chrono::milliseconds period_of(const TaskSettings& settings, std::string_view name) {
    if (auto it = settings.periods.find(name); it != settings.periods.end()) return it->second;
    const TaskDeclaration* declared = find_task(name);
    return declared != nullptr ? declared->period : std::chrono::milliseconds(60000);
}

}  // namespace plcbridge::service
