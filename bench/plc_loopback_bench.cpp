// Round trip of the real client to the real simulator on loopback: reads of the whole READ area
// (977 words at D6000, one FINS command each) over UDP and TCP. Prints median, p99 and max.
// Usage: plc_loopback_bench [ITERATIONS]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>
#include <vector>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>

#include "plcbridge/plc/plc_client.hpp"
#include "plcbridge/sim/plc_sim_server.hpp"
#include "plcbridge/sim/simulated_plc.hpp"

namespace asio = boost::asio;
using namespace plcbridge;
using Clock = std::chrono::steady_clock;

namespace {

struct Figures {
    double median_us = 0;
    double p99_us = 0;
    double max_us = 0;
    std::uint64_t commands = 0;
    int failures = 0;
};

Figures measure(plc::TransportKind transport, std::uint16_t port, int iterations) {
    asio::io_context io;
    plc::ClientOptions options;
    options.port = port;
    options.transport = transport;
    plc::PlcClient client(io.get_executor(), plc::make_transport(io.get_executor(), options), options);
    std::vector<double> samples;
    samples.reserve(static_cast<std::size_t>(iterations));
    Figures figures;
    asio::co_spawn(
        io,
        [&]() -> asio::awaitable<void> {
            std::vector<std::uint16_t> words(977);
            for (int i = 0; i < iterations + 50; ++i) {  // the first 50 warm up (connect, caches)
                const auto start = Clock::now();
                auto result = co_await client.read_into(fins::MemoryAddress{fins::Area::dm, 6000}, words);
                const auto elapsed = std::chrono::duration<double, std::micro>(Clock::now() - start).count();
                if (!result) {
                    ++figures.failures;
                    continue;
                }
                if (i >= 50) samples.push_back(elapsed);
            }
        },
        asio::detached);
    io.run();
    std::sort(samples.begin(), samples.end());
    if (!samples.empty()) {
        figures.median_us = samples[samples.size() / 2];
        figures.p99_us = samples[std::min(samples.size() - 1, samples.size() * 99 / 100)];
        figures.max_us = samples.back();
    }
    figures.commands = client.stats().commands;
    return figures;
}

}  // namespace

int main(int argc, char** argv) {
    const int iterations = argc > 1 ? std::max(1, std::atoi(argv[1])) : 2000;
    sim::SimulatedPlc plc;
    asio::io_context sim_io;
    sim::PlcSimServer server(sim_io, plc);
    auto port = server.listen("127.0.0.1", 0);
    if (!port) {
        std::fprintf(stderr, "cannot start the simulator: %s\n", port.error().message().c_str());
        return 1;
    }
    std::thread sim_thread([&] { sim_io.run(); });

    int failures = 0;
    for (auto transport : {plc::TransportKind::udp, plc::TransportKind::tcp}) {
        plc.reset_stats();
        const Figures f = measure(transport, *port, iterations);
        failures += f.failures;
        std::printf(
            "loopback %s read D6000 x977: n=%d median=%.1f us p99=%.1f us max=%.1f us  "
            "(FINS commands per read: %.2f, failures: %d)\n",
            std::string(plc::transport_name(transport)).c_str(), iterations, f.median_us, f.p99_us, f.max_us,
            static_cast<double>(plc.stats().memory_reads) / (iterations + 50), f.failures);
    }
    asio::post(sim_io, [&] {
        server.stop();
        sim_io.stop();
    });
    sim_thread.join();
    return failures == 0 ? 0 : 1;
}
