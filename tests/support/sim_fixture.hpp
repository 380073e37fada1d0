#pragma once
// A PLC simulator serving on 127.0.0.1 (a free port) from its own thread, and a helper that runs
// a client coroutine to completion on the test's io_context.

#include <optional>
#include <thread>

#include <gtest/gtest.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_future.hpp>

#include "plcbridge/sim/plc_sim_server.hpp"
#include "plcbridge/sim/simulated_plc.hpp"

namespace plcbridge::testing {

class SimThread {
  public:
    explicit SimThread(sim::SimulatedPlcOptions options = {}) : plc(options), server(io_, plc) {
        auto bound = server.listen("127.0.0.1", 0);
        EXPECT_TRUE(bound.ok()) << (bound.ok() ? "" : bound.error().message());
        port = bound.ok() ? *bound : 0;
        thread_ = std::thread([this] { io_.run(); });
    }
    ~SimThread() { stop(); }
    SimThread(const SimThread&) = delete;
    SimThread& operator=(const SimThread&) = delete;

    void stop() {
        if (!thread_.joinable()) return;
        boost::asio::post(io_, [this] {
            server.stop();
            io_.stop();
        });
        thread_.join();
    }

    sim::SimulatedPlc plc;
    std::uint16_t port = 0;

  private:
    boost::asio::io_context io_;

  public:
    sim::PlcSimServer server;

  private:
    std::thread thread_;
};

/// Runs `awaitable` on `io` until it completes and returns its value.
/// (Result<T> has no default state, which use_future would need, so the value is parked here.)
template <class T>
T run_on(boost::asio::io_context& io, boost::asio::awaitable<T> awaitable) {
    std::optional<T> out;
    auto body = [&]() -> boost::asio::awaitable<void> { out.emplace(co_await std::move(awaitable)); };
    auto future = boost::asio::co_spawn(io, body(), boost::asio::use_future);
    io.restart();
    io.run();
    future.get();  // rethrows anything the coroutine threw
    return std::move(*out);
}

}  // namespace plcbridge::testing
