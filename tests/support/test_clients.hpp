#pragma once
// The PLC and Odoo clients the task tests use: loopback, short deadlines, no retries (a test that
// injects a fault wants to see it, not have it retried away).

#include <chrono>
#include <memory>

#include <fmt/format.h>
#include <boost/asio/io_context.hpp>

#include "plcbridge/odoo/odoo_client.hpp"
#include "plcbridge/plc/plc_client.hpp"

namespace plcbridge::testing {

inline std::unique_ptr<plc::PlcClient> loopback_plc_client(boost::asio::io_context& io, std::uint16_t port,
                                                           int retries = 0) {
    plc::ClientOptions o;
    o.port = port;
    o.timeout = std::chrono::milliseconds(300);
    o.retries = retries;
    return std::make_unique<plc::PlcClient>(io.get_executor(), plc::make_transport(io.get_executor(), o), o);
}

inline std::unique_ptr<odoo::OdooClient> loopback_odoo_client(
    boost::asio::io_context& io, std::uint16_t port,
    std::chrono::milliseconds timeout = std::chrono::milliseconds(2000)) {
    odoo::OdooOptions o;
    o.url = fmt::format("http://127.0.0.1:{}", port);
    o.password = "admin";
    o.timeout = timeout;
    return odoo::OdooClient::create(io.get_executor(), o).value();
}

}  // namespace plcbridge::testing
