// Task 6: the event log keeps `[tasks] log_retention_days`.
#include <fmt/format.h>

#include "plcbridge/service/task_names.hpp"
#include "plcbridge/service/task_registry.hpp"
#include "plcbridge/store/db_worker.hpp"

namespace plcbridge::service {
namespace {

using namespace std::chrono_literals;

constexpr TaskDeclaration kDeclaration{kLogRetentionTask, 24h, std::nullopt};

class LogRetentionTask final : public DeclaredTask {
  public:
    explicit LogRetentionTask(TaskContext& parts) : DeclaredTask(parts, kDeclaration) {}

    boost::asio::awaitable<Result<void>> run() override {
        const auto before = wall_now() - parts_.settings.log_retention;
        auto prune = [before](store::Repository& r) { return r.prune_events(before); };
        auto pruned = co_await parts_.db.run(std::move(prune));
        if (!pruned) co_return std::move(pruned).error();
        if (*pruned > 0) {
            parts_.log.log(LogLevel::info,
                           fmt::format("event log: {} entries older than the retention removed", *pruned));
        }
        co_return Result<void>{};
    }
};

}  // namespace

TaskEntry log_retention_task() {
    return entry_of<LogRetentionTask>(kDeclaration);
}

}  // namespace plcbridge::service
