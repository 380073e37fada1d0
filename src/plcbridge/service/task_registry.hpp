#pragma once
/// Every task of the service, one line each in task_registry.cpp: its declaration (which the
/// configuration schema reads before anything is built) and how it is made from the service's parts.

#include <memory>
#include <string_view>
#include <vector>

#include "plcbridge/service/service_task.hpp"

namespace plcbridge::service {

struct TaskEntry {
    const TaskDeclaration& declaration;
    std::unique_ptr<ServiceTask> (*make)(TaskContext&);
};

/// The entry of a task class made from the service's parts.
template <class Task>
[[nodiscard]] TaskEntry entry_of(const TaskDeclaration& declaration) {
    return {declaration,
            [](TaskContext& parts) -> std::unique_ptr<ServiceTask> { return std::make_unique<Task>(parts); }};
}

[[nodiscard]] const std::vector<TaskEntry>& registered_tasks();
/// The names `[tasks] disabled` and the scheduler API accept.
[[nodiscard]] std::vector<std::string_view> service_task_names();
/// The declared task called `name`, if any.
[[nodiscard]] const TaskDeclaration* find_task(std::string_view name);
/// `name`'s period: the configured one, else its declared default.
[[nodiscard]] std::chrono::milliseconds period_of(const TaskSettings& settings, std::string_view name);

}  // namespace plcbridge::service
