#pragma once
// The Odoo simulator serving HTTP on 127.0.0.1 (a free port) from its own thread; tests reach
// into `sim` to set up MOs, inject faults and read the call log.

#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>

#include "plcbridge/sim/odoo_sim.hpp"
#include "plcbridge/sim/odoo_sim_server.hpp"

namespace plcbridge::testing {

class OdooSimThread {
  public:
    /// `generate` confirmed MOs WH/MO/00001.. to start with; with `tls` ({certificate chain, key}
    /// PEM files) it serves HTTPS.
    explicit OdooSimThread(int generate = 0,
                           const std::optional<std::pair<std::string, std::string>>& tls = std::nullopt)
        : server_(io_, sim) {
        if (generate > 0) sim.generate(generate);
        if (tls) {
            if (auto serving = server_.use_tls(tls->first, tls->second); !serving)
                throw std::runtime_error(serving.error().message());
        }
        port = server_.listen("127.0.0.1", 0).value();
        thread_ = std::thread([this] { io_.run(); });
    }
    ~OdooSimThread() {
        boost::asio::post(io_, [this] {
            server_.stop();
            io_.stop();
        });
        thread_.join();
    }
    OdooSimThread(const OdooSimThread&) = delete;
    OdooSimThread& operator=(const OdooSimThread&) = delete;

    sim::OdooSim sim;
    std::uint16_t port = 0;
    [[nodiscard]] std::size_t connections() const { return server_.connections_accepted(); }

  private:
    boost::asio::io_context io_;
    sim::OdooSimServer server_;
    std::thread thread_;
};

}  // namespace plcbridge::testing
