#include "plcbridge/service/batch_views.hpp"

#include "plcbridge/service/service_task.hpp"
#include "plcbridge/tasks/batch_health.hpp"

namespace plcbridge::service {

namespace {

Result<std::vector<BatchView>> load_on_db_thread(store::Repository& r) {
    auto active = r.active_batches();
    if (!active) return std::move(active).error();
    std::vector<BatchView> out;
    out.reserve(active->size());
    for (store::Batch& b : *active) {
        auto jobs = r.jobs_for_batch(b.id);
        if (!jobs) return std::move(jobs).error();
        out.push_back({std::move(b), std::move(*jobs), {}});
    }
    return out;
}

}  // namespace

boost::asio::awaitable<Result<std::vector<BatchView>>> load_batch_views(store::DbWorker& db,
                                                                        std::chrono::seconds stuck_after) {
    auto load = &load_on_db_thread;
    auto loaded = co_await db.run(load);
    if (loaded) {
        const auto now = wall_now();
        for (BatchView& v : *loaded)
            for (const auto& c : tasks::assess_batch(v.batch, v.jobs, now, stuck_after))
                v.concerns.push_back(c.text);
    }
    co_return loaded;
}

}  // namespace plcbridge::service
