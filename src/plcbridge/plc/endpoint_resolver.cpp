#include "plcbridge/plc/endpoint_resolver.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "plcbridge/plc/errc.hpp"

namespace plcbridge::plc {

namespace asio = boost::asio;
using namespace boost::asio::experimental::awaitable_operators;

asio::awaitable<Result<asio::ip::address>> resolve_host(asio::any_io_executor executor, std::string host,
                                                        Deadline deadline) {
    boost::system::error_code ec;
    auto address = asio::ip::make_address(host, ec);
    if (!ec) co_return address;

    asio::ip::tcp::resolver resolver(executor);
    asio::steady_timer timer(executor, deadline);
    auto token = asio::as_tuple(asio::use_awaitable);
    auto outcome = co_await (resolver.async_resolve(host, "", token) || timer.async_wait(token));
    if (outcome.index() == 1) {
        co_return make_error(Errc::unreachable, "resolving host '" + host + "' timed out");
    }
    auto [rec, results] = std::get<0>(std::move(outcome));
    if (rec || results.empty()) {
        co_return make_error(Errc::unreachable,
                             "cannot resolve host '" + host + "': " + (rec ? rec.message() : "no address"));
    }
    co_return results.begin()->endpoint().address();
}

}  // namespace plcbridge::plc
