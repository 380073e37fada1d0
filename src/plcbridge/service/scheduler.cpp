#include "plcbridge/service/scheduler.hpp"

#include <exception>

#include <fmt/format.h>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "plcbridge/service/errc.hpp"

namespace plcbridge::service {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

namespace {
constexpr auto kNoThrow = asio::as_tuple(asio::use_awaitable);
constexpr std::chrono::milliseconds kStopPoll{20};
}  // namespace

Scheduler::Scheduler(asio::any_io_executor executor, Logger& log) : executor_(std::move(executor)), log_(log) {}

void Scheduler::add(std::string name, std::chrono::milliseconds interval, bool enabled, TaskBody body) {
    TaskStatus status;
    status.name = std::move(name);
    status.interval = interval;
    status.enabled = enabled;
    tasks_.push_back(std::make_shared<Task>(executor_, std::move(status), std::move(body)));
}

void Scheduler::start() {
    for (auto& task : tasks_) {
        ++live_loops_;
        asio::co_spawn(executor_, loop(task), asio::detached);
    }
}

std::shared_ptr<Scheduler::Task> Scheduler::find(std::string_view name) const {
    for (const auto& task : tasks_)
        if (task->status.name == name) return task;
    return nullptr;
}

void Scheduler::poke(std::string_view name) {
    const auto task = find(name);
    if (task == nullptr) return;
    task->poked = true;
    task->timer.cancel();
}

bool Scheduler::set_task_enabled(std::string_view name, bool enabled) {
    const auto task = find(name);
    if (task == nullptr) return false;
    task->status.enabled = enabled;
    return true;
}

std::vector<TaskStatus> Scheduler::status() const {
    std::vector<TaskStatus> out;
    out.reserve(tasks_.size());
    for (const auto& task : tasks_)
        out.push_back(task->status);
    return out;
}

asio::awaitable<Result<void>> Scheduler::run_locked(std::shared_ptr<Task> owned) {
    Task& task = *owned;
    auto guard = co_await task.lock.lock();
    if (!guard.owns_lock()) co_return make_error(Errc::too_many_waiting, task.status.name);
    task.status.running = true;
    task.status.last_started = std::chrono::system_clock::now();
    const auto started = Clock::now();
    Result<void> result;
    try {
        result = co_await task.body();
    } catch (const std::exception& e) {
        result = make_error(Errc::unexpected_exception, e.what());
        log_.log(LogLevel::error, fmt::format("task {}: {} (the task keeps running on its schedule)", task.status.name,
                                              result.error().message()));
    }
    task.status.running = false;
    task.status.last_duration = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started);
    ++task.status.runs;
    if (!result) ++task.status.failed_runs;
    task.status.last_error = result ? std::string() : result.error().message();
    co_return result;
}

asio::awaitable<std::optional<Result<void>>> Scheduler::run_now(std::string name) {
    auto task = find(name);
    if (task == nullptr || stopping_) co_return std::nullopt;
    auto result = co_await run_locked(std::move(task));
    co_return std::optional<Result<void>>(std::move(result));
}

asio::awaitable<void> Scheduler::loop(std::shared_ptr<Task> owned) {
    Task& task = *owned;
    auto next = Clock::now();
    while (!stopping_) {
        if (!task.poked && Clock::now() < next) {
            task.timer.expires_at(next);
            (void)co_await task.timer.async_wait(kNoThrow);  // a poke or stop() cancels the wait
            continue;                                        // re-check: poked, stopping, or due
        }
        const bool poked = std::exchange(task.poked, false);
        const auto started = Clock::now();
        if (enabled_ && task.status.enabled) (void)co_await run_locked(owned);
        if (poked && started < next) continue;  // a poke does not move the fixed-rate schedule
        next += task.status.interval;
        if (const auto now = Clock::now(); next <= now) {
            // Overran its period: start again at once, do not replay the ticks it missed.
            if (now - started > task.status.interval) ++task.status.overruns;
            next = now;
        }
    }
    --live_loops_;
}

asio::awaitable<bool> Scheduler::stop(std::chrono::milliseconds deadline) {
    stopping_ = true;
    for (auto& task : tasks_)
        task->timer.cancel();
    const auto until = Clock::now() + deadline;
    asio::steady_timer wait(executor_);
    while (live_loops_ > 0 && Clock::now() < until) {
        wait.expires_after(kStopPoll);
        (void)co_await wait.async_wait(kNoThrow);
    }
    co_return live_loops_ == 0;
}

}  // namespace plcbridge::service
