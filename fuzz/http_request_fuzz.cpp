// libFuzzer target: the HTTP request path of the API on arbitrary bytes — Beast's parser with the
// server's limits, the server's own reading decisions (api/request_reading), request-target and
// query parsing, JSON bodies, and the router, over a stand-in service that echoes what it is
// given back into its answers (tests/support/fake_service.hpp). Every answer must be a status
// the API uses and a body of valid UTF-8 JSON with "error" and "message" on errors; anything else
// aborts. Build with the `fuzz` preset and run
//   build/fuzz/http_request_fuzz fuzz/corpus/http_request -max_total_time=60
// The same entry point replays the checked-in corpus in `make test` (http_request_replay).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <string_view>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/beast/http/parser.hpp>
#include <nlohmann/json.hpp>

#include "plcbridge/api/request_reading.hpp"
#include "plcbridge/api/router.hpp"
#include "plcbridge/core/utf8.hpp"
#include "plcbridge/store/errc.hpp"
#include "support/fake_service.hpp"

namespace {

namespace asio = boost::asio;
namespace http = boost::beast::http;
using namespace plcbridge;

constexpr const char* kToken = "fuzz-token";

void require(bool condition, const char* what, const api::HttpResponse& r) {
    if (condition) return;
    std::cerr << "http_request_fuzz: " << what << " (status " << r.status << "): " << r.body << "\n";
    std::abort();
}

void check_answer(const api::HttpResponse& r) {
    require(r.status >= 200 && r.status <= 599, "status out of range", r);
    require(is_valid_utf8(r.body), "body is not valid UTF-8", r);
    const auto body = nlohmann::json::parse(r.body, nullptr, false);
    require(!body.is_discarded(), "body is not JSON", r);
    if (r.status >= 400) {
        require(body.is_object() && body.contains("error") && body.contains("message"), "error without code/message",
                r);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    http::request_parser<http::string_body> parser;
    parser.header_limit(api::kMaxHeaderBytes);
    parser.body_limit(api::kMaxBodyBytes);
    parser.eager(true);
    boost::beast::error_code ec;
    std::string_view rest(reinterpret_cast<const char*>(data), size);
    while (!rest.empty() && !parser.is_done()) {
        const std::size_t used = parser.put(asio::buffer(rest.data(), rest.size()), ec);
        if (ec == http::error::need_more) {
            ec = {};
            break;
        }
        if (ec || used == 0) break;
        rest.remove_prefix(used);
    }
    if (!ec && !parser.got_some()) return 0;           // the client closed before a byte: end_of_stream, no answer
    if (!ec && !parser.is_done()) parser.put_eof(ec);  // the client closed here
    if (ec) {
        if (auto answer = api::answer_to_unreadable(ec)) check_answer(*answer);
        return 0;
    }
    auto& request = parser.get();
    if (auto answer = api::answer_to_unserved(request)) {
        check_answer(*answer);
        return 0;
    }

    asio::io_context io;
    testing::FakeService service(io.get_executor());
    api::ApiRouter router(service, kToken);
    bool answered = false;
    asio::co_spawn(io, router.handle(api::router_request(request)),
                   [&](std::exception_ptr failure, api::HttpResponse response) {
                       if (failure) {
                           std::cerr << "http_request_fuzz: the router threw\n";
                           std::abort();
                       }
                       check_answer(response);
                       answered = true;
                   });
    io.run();
    if (!answered) std::abort();
    return 0;
}
