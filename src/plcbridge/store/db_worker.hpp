#pragma once
/// Runs Repository calls on a dedicated database thread, so a slow disk or a PostgreSQL that is
/// reconnecting never blocks the service's event loop (the existing system froze its API for a
/// minute at a time). The awaiting coroutine resumes on its own executor. The queue is capped:
/// beyond kMaxQueued calls in flight, run() answers Errc::busy at once instead of piling up.
/// After every call it publishes the repository's health, so that /api/health says a failing write
/// at once, not at the next periodic check.

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <type_traits>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "plcbridge/store/errc.hpp"
#include "plcbridge/store/repository.hpp"

namespace plcbridge::store {

class DbWorker {
  public:
    static constexpr int kMaxQueued = 256;

    explicit DbWorker(std::unique_ptr<Repository> repository)
        : repository_(std::move(repository)), work_(io_.get_executor()), thread_([this] { io_.run(); }) {}
    ~DbWorker() {
        work_.reset();
        thread_.join();
    }
    DbWorker(const DbWorker&) = delete;
    DbWorker& operator=(const DbWorker&) = delete;

    /// co_await db.run([](Repository& r) { return r.active_batches(); });
    template <class F>
    boost::asio::awaitable<std::invoke_result_t<F, Repository&>> run(F f) {
        using R = std::invoke_result_t<F, Repository&>;
        if (queued_.fetch_add(1) >= kMaxQueued) {
            queued_.fetch_sub(1);
            co_return R(make_error(Errc::busy, "database thread has too many queued calls"));
        }
        std::optional<R> result;
        co_await boost::asio::async_initiate<decltype(boost::asio::use_awaitable), void()>(
            [this, &f, &result](auto handler) {
                boost::asio::post(io_, [this, &f, &result, handler = std::move(handler)]() mutable {
                    result.emplace(f(*repository_));
                    publish_health();
                    queued_.fetch_sub(1);
                    auto executor = boost::asio::get_associated_executor(handler);
                    boost::asio::post(executor, std::move(handler));
                });
            },
            boost::asio::use_awaitable);
        co_return std::move(*result);
    }

    /// The repository's health as of the last call that finished (any thread may ask).
    [[nodiscard]] StoreHealth health() const {
        std::lock_guard lock(health_mutex_);
        return health_;
    }

  private:
    void publish_health() {
        StoreHealth now = repository_->health();
        std::lock_guard lock(health_mutex_);
        health_ = std::move(now);
    }

    std::unique_ptr<Repository> repository_;
    mutable std::mutex health_mutex_;
    StoreHealth health_;
    boost::asio::io_context io_;
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_;
    std::atomic<int> queued_{0};
    std::thread thread_;  // last: starts after everything it uses exists
};

}  // namespace plcbridge::store
