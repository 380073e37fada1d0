// The headline figure: from the PLC setting status_operation = 1 to the batch archived as
// cancelled, through the real service parts — the scheduler with Task 2 and the cancel worker,
// the PLC simulator over FINS/UDP, the Odoo simulator over HTTP, SQLite on its database thread.
// The bit is set at a random phase of the poll, so the figure includes waiting for the next read.
// Also prints the FINS commands per read cycle. Target: p99 < poll interval + 50 ms.
// Usage: auto_cancel_latency_bench [ITERATIONS] [INTERVAL_MS]
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <random>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>

#include "plcbridge/batch/log_messages.hpp"
#include "plcbridge/core/leadership.hpp"
#include "plcbridge/memory_map/batch_slot.hpp"
#include "plcbridge/memory_map/default_maps.hpp"
#include "plcbridge/service/scheduler.hpp"
#include "plcbridge/service/service.hpp"
#include "plcbridge/service/task_names.hpp"
#include "plcbridge/service/task_registry.hpp"
#include "plcbridge/sim/odoo_sim_server.hpp"
#include "plcbridge/sim/plc_sim_server.hpp"
#include "plcbridge/sim/simulated_plc.hpp"
#include "plcbridge/store/sql_repository.hpp"
#include "plcbridge/tasks/cancel_worker.hpp"
#include "plcbridge/tasks/completion_worker.hpp"
#include "plcbridge/tasks/equipment_failure_monitor.hpp"
#include "plcbridge/tasks/mo_sync.hpp"

namespace asio = boost::asio;
using namespace plcbridge;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

namespace {

/// Notes when each batch's "cancelled and archived" line is written.
class TimingLogger final : public Logger {
  public:
    void log(LogLevel, std::string_view message) override {
        std::lock_guard lock(mutex_);
        last_ = message;
        if (message.find("cancelled and archived to history") != std::string_view::npos) {
            archived_at_ = Clock::now();
            archived_line_ = message;
            cv_.notify_all();
        }
    }
    /// The time the line `expected` was logged, or nullopt after `deadline`.
    std::optional<Clock::time_point> wait_archived(const std::string& expected, std::chrono::milliseconds deadline) {
        std::unique_lock lock(mutex_);
        if (!cv_.wait_for(lock, deadline, [&] { return archived_line_ == expected; })) return std::nullopt;
        return archived_at_;
    }
    std::string last() {
        std::lock_guard lock(mutex_);
        return last_;
    }

  private:
    std::mutex mutex_;
    std::condition_variable cv_;
    Clock::time_point archived_at_;
    std::string archived_line_;
    std::string last_;
};

/// A server on its own io_context thread.
template <class Server, class Model>
class ServerThread {
  public:
    explicit ServerThread(Model& model) : server(io, model) {
        port = server.listen("127.0.0.1", 0).value();
        thread = std::thread([this] { io.run(); });
    }
    ~ServerThread() {
        asio::post(io, [this] {
            server.stop();
            io.stop();
        });
        thread.join();
    }
    asio::io_context io;
    Server server;
    std::uint16_t port = 0;
    std::thread thread;
};

double percentile(const std::vector<double>& sorted, double p) {
    const auto index = static_cast<std::size_t>(p * static_cast<double>(sorted.size() - 1) + 0.5);
    return sorted[std::min(index, sorted.size() - 1)];
}

}  // namespace

int main(int argc, char** argv) {
    const int iterations = argc > 1 ? std::atoi(argv[1]) : 40;
    const int interval_ms = argc > 2 ? std::atoi(argv[2]) : 500;
    if (iterations < 1 || interval_ms < 50) {
        std::fprintf(stderr, "usage: auto_cancel_latency_bench [ITERATIONS>=1] [INTERVAL_MS>=50]\n");
        return 2;
    }

    sim::SimulatedPlc plc_model;
    ServerThread<sim::PlcSimServer, sim::SimulatedPlc> plc_server(plc_model);
    sim::OdooSim odoo_model;
    ServerThread<sim::OdooSimServer, sim::OdooSim> odoo_server(odoo_model);

    const std::string db_path =
        fmt::format("{}/plcbridge_latency_bench_{}.db", std::filesystem::temp_directory_path().string(), ::getpid());
    for (const char* suffix : {"", "-wal", "-shm"})
        std::filesystem::remove(db_path + suffix);
    const auto url = store::parse_database_url("sqlite:" + db_path).value();
    auto seeder = store::SqlRepository::open(url).value();  // the bench's own connection

    const auto read_area = memory_map::load_area(memory_map::AreaKind::read, "", 10, 100).value();
    const auto write_area = memory_map::load_area(memory_map::AreaKind::write, "", 10, 100).value();

    // The service parts, wired as `plcbridge run` wires them.
    TimingLogger log;
    asio::io_context io;
    plc::ClientOptions plc_options;
    plc_options.port = plc_server.port;
    plc::PlcClient plc(io.get_executor(), plc::make_transport(io.get_executor(), plc_options), plc_options);
    odoo::OdooOptions odoo_options;
    odoo_options.url = fmt::format("http://127.0.0.1:{}", odoo_server.port);
    odoo_options.password = "admin";
    auto odoo = odoo::OdooClient::create(io.get_executor(), odoo_options).value();
    store::DbWorker db(store::SqlRepository::open(url).value());
    tasks::PlcSync sync(plc, db, read_area, log, batch::AutoCancelSettings{});
    tasks::CancelWorker cancel(db, *odoo, log, tasks::JobSettings{});
    service::Scheduler scheduler(io.get_executor(), log);
    service::TaskSettings settings;
    settings.periods[std::string(service::kPlcReadTask)] = std::chrono::milliseconds(interval_ms);
    tasks::MoSync mo_sync(plc, db, *odoo, write_area, log, tasks::MoSyncSettings{});
    tasks::CompletionWorker completion(db, *odoo, log, tasks::CompletionSettings{});
    const auto failure_area = memory_map::load_area(memory_map::AreaKind::failure, "", 1, 1).value();
    tasks::EquipmentFailureMonitor equipment_failures(plc, db, *odoo, failure_area, log,
                                                      tasks::EquipmentFailureSettings{});
    // Only Task 2 and the cancel worker: the other tasks would share this one Odoo client.
    for (const auto name : service::service_task_names())
        if (name != service::kPlcReadTask && name != service::kCancelWorkerTask) settings.disabled.emplace(name);
    metrics::PlantMetrics plant_metrics;
    plc.count_in(plant_metrics);  // measured as the service runs, counting included
    const Leadership alone = Leadership::single_instance();
    service::TaskContext parts{plc, mo_sync,  sync,          cancel, completion, equipment_failures, db, scheduler,
                               log, settings, plant_metrics, alone,  nullptr};
    service::Service service(parts, 10);
    service.schedule();
    scheduler.start();
    std::thread service_thread([&] { io.run(); });

    std::mt19937 rng(20261128);
    std::uniform_int_distribution<int> phase(0, interval_ms - 1);
    std::vector<double> samples;
    int failures = 0;
    const int slot = 3;
    const std::uint16_t slot_at = static_cast<std::uint16_t>(6000 + 100 * (slot - 1));
    for (int i = 0; i < iterations; ++i) {
        const std::string mo = fmt::format("WH/MO/{:05}", 10000 + i);
        sim::SimMo odoo_mo;
        odoo_mo.mo_id = mo;
        odoo_mo.state = "progress";
        odoo_model.put_mo(odoo_mo);
        store::NewBatch b;
        b.batch_no = slot;
        b.mo_id = mo;
        b.lines = {{"silo101", store::Decimal{20000, 100}, store::Decimal{0, 100}}};
        if (!seeder->insert_batch(b, std::chrono::system_clock::now())) {
            ++failures;
            continue;
        }
        memory_map::BatchRecipe running{
            slot, mo, "BOM", "FG", store::Decimal{100000, 100}, {{"silo101", store::Decimal{15000, 100}}}};
        plc_model.set_words(fins::Area::dm, slot_at, memory_map::encode_recipe(write_area, slot, running).value());
        // Wait for a read of the new batch, then set the bit at a random point of the poll period.
        const auto until = Clock::now() + 10s;
        for (;;) {
            auto found = seeder->find_batch_by_slot(slot);
            if (found && found->has_value() && (*found)->mo_id == mo && (*found)->last_read_from_plc) break;
            if (Clock::now() > until) break;
            std::this_thread::sleep_for(5ms);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(phase(rng)));
        const auto set_at = Clock::now();
        plc_model.set_word(fins::Area::dm, static_cast<std::uint16_t>(slot_at + 73), 1);
        auto archived_at = log.wait_archived(batch::cancelled_and_archived(slot, mo), 30s);
        if (!archived_at) {
            ++failures;
            std::fprintf(stderr, "iteration %d: not archived; last log line: %s\n", i, log.last().c_str());
            break;
        }
        samples.push_back(std::chrono::duration<double, std::milli>(*archived_at - set_at).count());
    }

    const auto reads = plc_model.stats().memory_reads;
    const auto tasks = scheduler.status();
    // Stop as the service does: running bodies finish, then the loop ends.
    auto stop = [&]() -> asio::awaitable<void> {
        (void)co_await scheduler.stop(10s);
        io.stop();
    };
    asio::co_spawn(io, stop(), asio::detached);
    service_thread.join();
    std::uint64_t cycles = 0;
    for (const auto& t : tasks)
        if (t.name == service::kPlcReadTask) cycles = t.runs;
    for (const char* suffix : {"", "-wal", "-shm"})
        std::filesystem::remove(db_path + suffix);

    if (samples.empty()) {
        std::printf("auto-cancel latency: no sample (%d failures)\n", failures);
        return 1;
    }
    std::sort(samples.begin(), samples.end());
    const double p99 = percentile(samples, 0.99);
    const double target = interval_ms + 50.0;
    std::printf("auto-cancel latency, PLC failure bit -> archived (poll interval %d ms, %zu samples, %d failures):\n",
                interval_ms, samples.size(), failures);
    std::printf("  min %.1f ms  median %.1f ms  p90 %.1f ms  p99 %.1f ms  max %.1f ms  (target p99 < %.0f ms: %s)\n",
                samples.front(), percentile(samples, 0.5), percentile(samples, 0.9), p99, samples.back(), target,
                p99 < target ? "met" : "NOT met");
    std::printf("FINS commands per read cycle: %.2f (%llu reads in %llu cycles; the existing system used 10 to 40)\n",
                cycles ? static_cast<double>(reads) / static_cast<double>(cycles) : 0.0,
                static_cast<unsigned long long>(reads), static_cast<unsigned long long>(cycles));
    return failures == 0 && p99 < target ? 0 : 1;
}
