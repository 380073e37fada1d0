#pragma once
/// The periodic tasks of the service (Task 2's read cycle, the cancel worker, ...), each in its own
/// coroutine on the service's executor. Guarantees the operators rely on:
/// - one task never overlaps itself: scheduled runs, pokes and manual triggers share one lock;
/// - fixed rate: a run starts `interval` after the previous one started, so a slow run of one task
///   never stretches another task's period (a run longer than its interval counts an overrun and
///   the next one starts at once, missed ticks are not replayed);
/// - enable/disable globally or per task without restarting; a manual run_now() works either way;
/// - stop() lets running bodies finish, up to a deadline.
/// A body returns Result<void>; an exception escaping a body is a bug: logged, the task keeps its
/// schedule.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>

#include "plcbridge/async/async_mutex.hpp"
#include "plcbridge/core/logger.hpp"
#include "plcbridge/core/result.hpp"

namespace plcbridge::service {

using TaskBody = std::function<boost::asio::awaitable<Result<void>>()>;
using WallTime = std::chrono::system_clock::time_point;

struct TaskStatus {
    std::string name;
    std::chrono::milliseconds interval{0};
    bool enabled = true;
    bool running = false;
    std::uint64_t runs = 0;
    std::uint64_t failed_runs = 0;
    std::uint64_t overruns = 0;  ///< runs that took longer than the interval
    std::optional<WallTime> last_started;
    std::chrono::milliseconds last_duration{0};
    std::string last_error;  ///< of the last run, for the API; empty when it succeeded
};

class Scheduler {
  public:
    Scheduler(boost::asio::any_io_executor executor, Logger& log);
    Scheduler(const Scheduler&) = delete;
    Scheduler& operator=(const Scheduler&) = delete;

    /// Before start(). Names are unique; interval > 0.
    void add(std::string name, std::chrono::milliseconds interval, bool enabled, TaskBody body);
    /// Spawns one loop per task; the first run of each is immediate.
    void start();
    /// Runs `name` as soon as it is free if it is enabled (coalesces: several pokes before it runs
    /// are one run); the fixed-rate schedule is not moved.
    void poke(std::string_view name);
    /// Runs `name` once now, waiting for a run in progress to finish first, even when the task or
    /// the scheduler is disabled. The body's result; nullopt for an unknown task or while stopping.
    boost::asio::awaitable<std::optional<Result<void>>> run_now(std::string name);
    /// No new runs; waits for running bodies up to `deadline`. True when every loop ended in time.
    boost::asio::awaitable<bool> stop(std::chrono::milliseconds deadline);

    void set_enabled(bool enabled) noexcept { enabled_ = enabled; }
    [[nodiscard]] bool enabled() const noexcept { return enabled_; }
    /// False for an unknown task.
    bool set_task_enabled(std::string_view name, bool enabled);
    [[nodiscard]] std::vector<TaskStatus> status() const;

  private:
    struct Task {
        Task(boost::asio::any_io_executor executor, TaskStatus s, TaskBody b)
            : status(std::move(s)), body(std::move(b)), timer(executor), lock(std::move(executor), 16) {}
        TaskStatus status;
        TaskBody body;
        boost::asio::steady_timer timer;
        async::AsyncMutex lock;
        bool poked = false;
    };

    // Loops and runs hold their task by shared_ptr: a body still suspended when the scheduler is
    // destroyed (stop() gave up on it) releases its lock on a task that still exists.
    boost::asio::awaitable<void> loop(std::shared_ptr<Task> task);
    boost::asio::awaitable<Result<void>> run_locked(std::shared_ptr<Task> task);
    std::shared_ptr<Task> find(std::string_view name) const;

    boost::asio::any_io_executor executor_;
    Logger& log_;
    std::vector<std::shared_ptr<Task>> tasks_;
    bool enabled_ = true;
    bool stopping_ = false;
    int live_loops_ = 0;
};

}  // namespace plcbridge::service
