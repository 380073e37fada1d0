#include "plcbridge/async/change_feed.hpp"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>

namespace plcbridge::async {
namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;

struct Source {
    std::shared_ptr<std::string> text = std::make_shared<std::string>("a");
    std::shared_ptr<int> reads = std::make_shared<int>(0);
    std::shared_ptr<bool> failing = std::make_shared<bool>(false);
    ChangeFeed::Source function() const {
        return [text = text, reads = reads, failing = failing]() -> asio::awaitable<ChangeFeed::Reading> {
            ++*reads;
            if (*failing) co_return ChangeFeed::Reading{std::nullopt, "database unavailable"};
            co_return ChangeFeed::Reading{*text, ""};
        };
    }
};

template <class F>
void run(asio::io_context& io, F body) {
    bool done = false;
    asio::co_spawn(io, body(), [&](std::exception_ptr e) {
        done = true;
        if (e) std::rethrow_exception(e);
    });
    io.run_for(10s);
    ASSERT_TRUE(done);
}

TEST(ChangeFeed, FirstWaitGetsTheFirstReadingThenOnlyChangesWakeAWaiter) {
    asio::io_context io;
    Source source;
    ChangeFeed feed(io.get_executor(), source.function(), 20ms);
    run(io, [&]() -> asio::awaitable<void> {
        FeedSnapshot first = co_await feed.wait(0, 5s);
        EXPECT_EQ(first.version, 1U);
        EXPECT_EQ(first.text, "a");
        // Unchanged: the wait runs to its deadline and returns the same version.
        const auto before = std::chrono::steady_clock::now();
        FeedSnapshot same = co_await feed.wait(first.version, 150ms);
        EXPECT_EQ(same.version, 1U);
        EXPECT_GE(std::chrono::steady_clock::now() - before, 140ms);
        *source.text = "b";
        FeedSnapshot changed = co_await feed.wait(first.version, 5s);
        EXPECT_EQ(changed.version, 2U);
        EXPECT_EQ(changed.text, "b");
    });
}

TEST(ChangeFeed, ManyWaitersShareOnePoller) {
    asio::io_context io;
    Source source;
    ChangeFeed feed(io.get_executor(), source.function(), 50ms);
    int woken = 0;
    for (int i = 0; i < 20; ++i) {
        asio::co_spawn(
            io,
            [&]() -> asio::awaitable<void> {
                FeedSnapshot s = co_await feed.wait(0, 5s);
                if (s.version == 1) ++woken;
            },
            asio::detached);
    }
    io.run_for(300ms);
    EXPECT_EQ(woken, 20);
    EXPECT_LE(*source.reads, 10) << "one read per period, not one per waiter";
    // With nobody waiting the poller stops after a short grace.
    const int reads = *source.reads;
    io.restart();
    io.run_for(400ms);
    EXPECT_LE(*source.reads, reads + 2);
}

TEST(ChangeFeed, AFailingSourceKeepsTheLastTextAndSaysWhy) {
    asio::io_context io;
    Source source;
    ChangeFeed feed(io.get_executor(), source.function(), 20ms);
    run(io, [&]() -> asio::awaitable<void> {
        FeedSnapshot first = co_await feed.wait(0, 5s);
        *source.failing = true;
        FeedSnapshot later = co_await feed.wait(first.version, 200ms);
        EXPECT_EQ(later.version, first.version);
        EXPECT_EQ(later.text, "a");
        EXPECT_EQ(later.error, "database unavailable");
        *source.failing = false;
        *source.text = "c";
        FeedSnapshot back = co_await feed.wait(first.version, 5s);
        EXPECT_EQ(back.text, "c");
        EXPECT_EQ(back.error, "");
    });
}

}  // namespace
}  // namespace plcbridge::async
