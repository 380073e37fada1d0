// Task 4 as the service runs it: every active batch assessed; a concern is warned about once per
// episode (key = batch + concern), written to the event log, and shown in health while it lasts.
#include <fmt/format.h>

#include "plcbridge/service/batch_views.hpp"
#include "plcbridge/service/task_names.hpp"
#include "plcbridge/service/task_registry.hpp"
#include "plcbridge/tasks/batch_health.hpp"

namespace plcbridge::service {
namespace {

using namespace std::chrono_literals;

constexpr TaskDeclaration kDeclaration{kBatchHealthTask, 60s, PeriodKey{"health_interval_s", 1s, 1, 86400}};

class BatchHealthTask final : public DeclaredTask {
  public:
    explicit BatchHealthTask(TaskContext& parts) : DeclaredTask(parts, kDeclaration) {}

    boost::asio::awaitable<Result<void>> run() override {
        auto views = co_await load_batch_views(parts_.db, parts_.settings.stuck_after);
        if (!views) co_return std::move(views).error();
        const std::vector<store::EventEntry> new_events = assess(*views);
        if (new_events.empty()) co_return Result<void>{};
        auto record = [new_events](store::Repository& r) -> Result<void> {
            for (const auto& e : new_events)
                if (auto logged = r.log_event(e); !logged) return logged;
            return {};
        };
        auto recorded = co_await parts_.db.run(std::move(record));
        co_return recorded;
    }

    void report(HealthReport& health) const override { health.batch_concerns = texts_; }

  private:
    /// The concerns now; the new ones are warned about and returned for the event log.
    std::vector<store::EventEntry> assess(const std::vector<BatchView>& views) {
        const auto now = wall_now();
        std::set<std::string> keys;
        std::vector<std::string> texts;
        std::vector<store::EventEntry> new_events;
        for (const BatchView& v : views) {
            for (const tasks::BatchConcern& c :
                 tasks::assess_batch(v.batch, v.jobs, now, parts_.settings.stuck_after)) {
                const std::string key = fmt::format("{}|{}", c.batch_id, c.key);
                const std::string text = fmt::format("batch #{} (MO: {}): {}", c.batch_no, c.mo_id, c.text);
                keys.insert(key);
                texts.push_back(text);
                if (keys_.contains(key)) continue;  // one WARNING per episode
                parts_.log.log(LogLevel::warning, text);
                new_events.push_back({now, "WARNING", "batch_health", c.batch_no, c.mo_id, c.text});
            }
        }
        keys_ = std::move(keys);
        texts_ = std::move(texts);
        return new_events;
    }

    std::set<std::string> keys_;      ///< "batch id|key" of the concerns already warned about
    std::vector<std::string> texts_;  ///< the current ones, for health
};

}  // namespace

TaskEntry batch_health_task() {
    return entry_of<BatchHealthTask>(kDeclaration);
}

}  // namespace plcbridge::service
