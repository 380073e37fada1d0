// The scheduler on a real io_context with real timers: no overlapping runs, enable/disable, pokes,
// manual runs, a body that throws, graceful stop. Intervals are short; assertions are about order
// and counts, never about how fast something ran.
#include "plcbridge/service/scheduler.hpp"

#include <gtest/gtest.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "support/memory_logger.hpp"

namespace plcbridge::service {
namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;

asio::awaitable<void> sleep_for(std::chrono::milliseconds d) {
    asio::steady_timer t(co_await asio::this_coro::executor, d);
    co_await t.async_wait(asio::use_awaitable);
}

/// A body that takes `duration` and records how many copies of it ran at the same time.
struct Probe {
    int active = 0;
    int max_active = 0;
    int runs = 0;
    TaskBody body(std::chrono::milliseconds duration) {
        return [this, duration]() -> asio::awaitable<Result<void>> {
            ++active;
            max_active = std::max(max_active, active);
            co_await sleep_for(duration);
            --active;
            ++runs;
            co_return Result<void>{};
        };
    }
};

class SchedulerTest : public ::testing::Test {
  protected:
    void stop_after(std::chrono::milliseconds d) {
        asio::co_spawn(
            io,
            [this, d]() -> asio::awaitable<void> {
                co_await sleep_for(d);
                stopped_cleanly = co_await scheduler.stop(2s);
            },
            asio::detached);
        io.run();
    }
    asio::io_context io;
    testing::MemoryLogger log;
    Scheduler scheduler{io.get_executor(), log};
    bool stopped_cleanly = false;
};

TEST_F(SchedulerTest, ARunLongerThanItsIntervalNeverOverlapsAndCountsAnOverrun) {
    Probe probe;
    scheduler.add("slow", 5ms, true, probe.body(30ms));
    scheduler.start();
    stop_after(200ms);
    EXPECT_TRUE(stopped_cleanly);
    EXPECT_EQ(probe.max_active, 1);
    EXPECT_GE(probe.runs, 2);
    EXPECT_GE(scheduler.status().at(0).overruns, 1U);
}

TEST_F(SchedulerTest, ManualRunsWaitForTheScheduledRunInsteadOfOverlapping) {
    Probe probe;
    scheduler.add("read", 1h, true, probe.body(20ms));
    scheduler.start();
    int manual = 0;
    for (int i = 0; i < 3; ++i) {
        asio::co_spawn(
            io,
            [&]() -> asio::awaitable<void> {
                auto r = co_await scheduler.run_now("read");
                if (r && r->ok()) ++manual;
            },
            asio::detached);
    }
    stop_after(150ms);
    EXPECT_EQ(manual, 3);
    EXPECT_EQ(probe.runs, 4) << "the first scheduled run plus three manual ones";
    EXPECT_EQ(probe.max_active, 1);
}

TEST_F(SchedulerTest, ADisabledTaskDoesNotRunOnScheduleButRunsWhenAskedToAndCanBeEnabledAgain) {
    Probe off;
    Probe global;
    scheduler.add("off", 5ms, false, off.body(0ms));
    scheduler.add("global", 5ms, true, global.body(0ms));
    scheduler.set_enabled(false);
    scheduler.start();
    std::optional<Result<void>> manual;
    asio::co_spawn(
        io, [&]() -> asio::awaitable<void> { manual = co_await scheduler.run_now("off"); }, asio::detached);
    stop_after(60ms);
    EXPECT_EQ(off.runs, 1) << "only the manual run";
    EXPECT_EQ(global.runs, 0) << "the scheduler is disabled";
    ASSERT_TRUE(manual.has_value());
    EXPECT_TRUE(manual->ok());
    EXPECT_FALSE(scheduler.status().at(0).enabled);
}

TEST_F(SchedulerTest, EnablingATaskAgainResumesItsSchedule) {
    Probe probe;
    scheduler.add("t", 5ms, false, probe.body(0ms));
    scheduler.start();
    asio::co_spawn(
        io,
        [&]() -> asio::awaitable<void> {
            co_await sleep_for(30ms);
            EXPECT_EQ(probe.runs, 0);
            EXPECT_TRUE(scheduler.set_task_enabled("t", true));
        },
        asio::detached);
    stop_after(100ms);
    EXPECT_GE(probe.runs, 2);
    EXPECT_FALSE(scheduler.set_task_enabled("nope", true));
}

TEST_F(SchedulerTest, APokeRunsTheTaskWithoutWaitingForItsPeriod) {
    Probe probe;
    scheduler.add("worker", 1h, true, probe.body(0ms));
    scheduler.start();
    asio::co_spawn(
        io,
        [&]() -> asio::awaitable<void> {
            co_await sleep_for(20ms);
            scheduler.poke("worker");
            scheduler.poke("worker");  // coalesced with the first
            scheduler.poke("unknown");
        },
        asio::detached);
    stop_after(80ms);
    EXPECT_EQ(probe.runs, 2) << "the first run and one for the pokes";
}

TEST_F(SchedulerTest, AnExceptionInABodyIsLoggedAndTheTaskKeepsItsSchedule) {
    int runs = 0;
    scheduler.add("buggy", 5ms, true, [&]() -> asio::awaitable<Result<void>> {
        ++runs;
        throw std::runtime_error("boom");
        co_return Result<void>{};
    });
    scheduler.start();
    stop_after(50ms);
    EXPECT_GE(runs, 2);
    const TaskStatus s = scheduler.status().at(0);
    EXPECT_EQ(s.failed_runs, s.runs);
    EXPECT_EQ(s.last_error, "unexpected exception: boom");
    ASSERT_FALSE(log.lines().empty());
    EXPECT_EQ(log.lines().front(),
              "[ERROR] task buggy: unexpected exception: boom (the task keeps running on its schedule)");
}

TEST_F(SchedulerTest, StopLetsARunningBodyFinishAndRefusesNewManualRuns) {
    Probe probe;
    scheduler.add("long", 1h, true, probe.body(60ms));
    scheduler.start();
    std::optional<Result<void>> after_stop = Result<void>{};
    asio::co_spawn(
        io,
        [&]() -> asio::awaitable<void> {
            co_await sleep_for(10ms);
            stopped_cleanly = co_await scheduler.stop(2s);
            after_stop = co_await scheduler.run_now("long");
        },
        asio::detached);
    io.run();
    EXPECT_TRUE(stopped_cleanly);
    EXPECT_EQ(probe.runs, 1) << "the run in progress completed";
    EXPECT_FALSE(after_stop.has_value());
}

TEST_F(SchedulerTest, StopGivesUpAfterItsDeadlineWhenABodyHangs) {
    Probe probe;
    scheduler.add("hung", 1h, true, probe.body(10s));
    scheduler.start();
    bool clean = true;
    asio::co_spawn(
        io,
        [&]() -> asio::awaitable<void> {
            co_await sleep_for(10ms);
            clean = co_await scheduler.stop(50ms);
            io.stop();
        },
        asio::detached);
    io.run();
    EXPECT_FALSE(clean);
    EXPECT_EQ(probe.runs, 0);
}

}  // namespace
}  // namespace plcbridge::service
