#pragma once
/// Host name or address text -> endpoint, within a deadline, as an error value.

#include <cstdint>
#include <string>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/address.hpp>

#include "plcbridge/core/result.hpp"
#include "plcbridge/plc/frame_transport.hpp"

namespace plcbridge::plc {

/// Numeric addresses resolve without I/O; names go through the system resolver.
boost::asio::awaitable<Result<boost::asio::ip::address>> resolve_host(boost::asio::any_io_executor executor,
                                                                      std::string host, Deadline deadline);

}  // namespace plcbridge::plc
