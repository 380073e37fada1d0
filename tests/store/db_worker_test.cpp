// The database thread: calls run there, the caller's event loop keeps running meanwhile.
#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>

#include "plcbridge/store/db_worker.hpp"
#include "support/store_fixture.hpp"

namespace plcbridge::store {
namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;

TEST(DbWorker, CallsRunOnTheDatabaseThreadAndResumeOnTheCaller) {
    DbWorker db(testing::open_repository(testing::fresh_database(testing::StoreBackend::sqlite)));
    asio::io_context io;
    const auto loop_thread = std::this_thread::get_id();
    std::thread::id db_thread;
    bool inserted = false;
    int ticks = 0;
    asio::co_spawn(
        io,
        [&]() -> asio::awaitable<void> {
            NewBatch b;
            b.batch_no = 1;
            b.mo_id = "WH/MO/00001";
            auto id = co_await db.run([&](Repository& r) {
                db_thread = std::this_thread::get_id();
                std::this_thread::sleep_for(100ms);  // a slow database
                return r.insert_batch(b, std::chrono::system_clock::now());
            });
            EXPECT_EQ(std::this_thread::get_id(), loop_thread) << "resumed on the caller's thread";
            inserted = id.ok();
        },
        asio::detached);
    // Meanwhile the event loop keeps serving timers.
    asio::co_spawn(
        io,
        [&]() -> asio::awaitable<void> {
            asio::steady_timer t(io);
            for (int i = 0; i < 5; ++i) {
                t.expires_after(10ms);
                co_await t.async_wait(asio::use_awaitable);
                ++ticks;
            }
        },
        asio::detached);
    io.run();
    EXPECT_TRUE(inserted);
    EXPECT_NE(db_thread, loop_thread);
    EXPECT_EQ(ticks, 5) << "the loop was not blocked by the 100 ms database call";
}

}  // namespace
}  // namespace plcbridge::store
