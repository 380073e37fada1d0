#pragma once
/// Publishes a text that changes now and then (the console's view of the line) to any number of
/// waiting coroutines on ONE executor. While at least one waiter is subscribed, a single poller
/// asks the source every `period` and, when its answer differs from the last, bumps the version
/// and wakes every waiter: N watching consoles cost one database read per period, none cost
/// nothing. Polling the store rather than hooking every writer also sees changes made by another
/// process (`plcbridge cancel`, a second service on the same database).
/// Every wait has a deadline; the caller learns whether the version moved.

#include <chrono>
#include <cstdint>
#include <functional>
#include <list>
#include <memory>
#include <optional>
#include <string>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace plcbridge::async {

struct FeedSnapshot {
    std::uint64_t version = 0;  ///< 0: nothing read yet
    std::string text;           ///< the source's last good answer
    std::string error;          ///< why the last read failed; empty when it succeeded
};

class ChangeFeed {
  public:
    /// The source's answer: the text, or why it could not be read (the last text is kept).
    struct Reading {
        std::optional<std::string> text;
        std::string error;
    };
    using Source = std::function<boost::asio::awaitable<Reading>()>;

    ChangeFeed(boost::asio::any_io_executor executor, Source source, std::chrono::milliseconds period)
        : executor_(std::move(executor)),
          source_(std::move(source)),
          period_(period),
          state_(std::make_shared<State>()) {}
    ChangeFeed(const ChangeFeed&) = delete;
    ChangeFeed& operator=(const ChangeFeed&) = delete;
    ~ChangeFeed() { state_->closed = true; }

    /// The snapshot as soon as its version is above `seen`, or the current one after `max_wait`.
    boost::asio::awaitable<FeedSnapshot> wait(std::uint64_t seen, std::chrono::milliseconds max_wait) {
        std::shared_ptr<State> state = state_;
        ++state->subscribers;
        if (!state->polling) {
            state->polling = true;
            boost::asio::co_spawn(executor_, poll(state, source_, period_, executor_), boost::asio::detached);
        }
        if (state->snapshot.version <= seen) {
            boost::asio::steady_timer timer(executor_);
            timer.expires_after(max_wait);
            auto me = state->waiters.insert(state->waiters.end(), &timer);
            (void)co_await timer.async_wait(boost::asio::as_tuple(boost::asio::use_awaitable));
            state->waiters.erase(me);
        }
        --state->subscribers;
        co_return state->snapshot;
    }

    [[nodiscard]] const FeedSnapshot& current() const noexcept { return state_->snapshot; }

  private:
    struct State {
        FeedSnapshot snapshot;
        std::list<boost::asio::steady_timer*> waiters;
        int subscribers = 0;
        bool polling = false;
        bool closed = false;
    };

    /// Holds the state by shared_ptr and the source by value: it may outlive the feed by one period.
    static boost::asio::awaitable<void> poll(std::shared_ptr<State> state, Source source,
                                             std::chrono::milliseconds period, boost::asio::any_io_executor executor) {
        boost::asio::steady_timer pause(executor);
        // One more round after the last subscriber left, so a console reconnecting at once finds
        // a fresh snapshot instead of restarting the poller.
        int idle_rounds = 0;
        while (!state->closed && idle_rounds < 2) {
            Reading reading = co_await source();
            if (state->closed) break;
            // The first answer counts as a change even when it is empty.
            if (reading.text && (*reading.text != state->snapshot.text || state->snapshot.version == 0)) {
                state->snapshot.text = std::move(*reading.text);
                ++state->snapshot.version;
                for (auto* timer : state->waiters)
                    timer->cancel();
            }
            state->snapshot.error = reading.text ? std::string{} : std::move(reading.error);
            idle_rounds = state->subscribers > 0 ? 0 : idle_rounds + 1;
            pause.expires_after(period);
            (void)co_await pause.async_wait(boost::asio::as_tuple(boost::asio::use_awaitable));
        }
        state->polling = false;
    }

    boost::asio::any_io_executor executor_;
    Source source_;
    std::chrono::milliseconds period_;
    std::shared_ptr<State> state_;
};

}  // namespace plcbridge::async
