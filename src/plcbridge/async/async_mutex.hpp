#pragma once
/// A FIFO mutex for coroutines on ONE executor (single-threaded io_context): callers queue rather
/// than interleave their FINS exchanges. The queue is capped; beyond it lock() reports `busy`.

#include <cstddef>
#include <deque>
#include <memory>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace plcbridge::async {

class AsyncMutex {
  public:
    class Guard {
      public:
        explicit Guard(AsyncMutex* mutex) : mutex_(mutex) {}
        Guard(Guard&& other) noexcept : mutex_(std::exchange(other.mutex_, nullptr)) {}
        Guard& operator=(Guard&&) = delete;
        Guard(const Guard&) = delete;
        Guard& operator=(const Guard&) = delete;
        ~Guard() {
            if (mutex_ != nullptr) mutex_->unlock();
        }
        [[nodiscard]] bool owns_lock() const noexcept { return mutex_ != nullptr; }

      private:
        AsyncMutex* mutex_;
    };

    AsyncMutex(boost::asio::any_io_executor executor, std::size_t max_waiters)
        : executor_(std::move(executor)), max_waiters_(max_waiters) {}

    /// A guard that owns the lock, or one that does not when the wait queue is full.
    boost::asio::awaitable<Guard> lock() {
        if (locked_) {
            if (waiters_.size() >= max_waiters_) co_return Guard(nullptr);
            auto waiter =
                std::make_shared<boost::asio::steady_timer>(executor_, boost::asio::steady_timer::time_point::max());
            waiters_.push_back(waiter);
            // unlock() hands the lock over by cancelling our timer; locked_ stays true meanwhile.
            co_await waiter->async_wait(boost::asio::as_tuple(boost::asio::use_awaitable));
        }
        locked_ = true;
        co_return Guard(this);
    }

  private:
    void unlock() {
        if (waiters_.empty()) {
            locked_ = false;
            return;
        }
        waiters_.front()->cancel();
        waiters_.pop_front();
    }

    boost::asio::any_io_executor executor_;
    std::size_t max_waiters_;
    bool locked_ = false;
    std::deque<std::shared_ptr<boost::asio::steady_timer>> waiters_;
};

}  // namespace plcbridge::async
