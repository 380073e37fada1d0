#pragma once
// The router over the stand-in service (fake_service.hpp), one request at a time run to completion:
// the base of the router's unit tests.

#include <optional>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <nlohmann/json.hpp>

#include "plcbridge/api/router.hpp"
#include "support/fake_service.hpp"

namespace plcbridge::testing {

class RouterFixture : public ::testing::Test {
  protected:
    static constexpr const char* kToken = "s3cret";

    api::HttpResponse ask(api::HttpRequest request) {
        std::optional<api::HttpResponse> answer;
        boost::asio::co_spawn(io, router.handle(std::move(request)), [&](std::exception_ptr e, api::HttpResponse r) {
            EXPECT_FALSE(e) << "the router threw";
            answer = std::move(r);
        });
        io.run();
        io.restart();
        EXPECT_TRUE(answer.has_value());
        return answer.value_or(api::HttpResponse{});
    }
    static nlohmann::json json(const api::HttpResponse& r) { return nlohmann::json::parse(r.body, nullptr, false); }
    static std::string header(const api::HttpResponse& r, std::string_view name) {
        for (const auto& [key, value] : r.headers)
            if (key == name) return value;
        return {};
    }

    boost::asio::io_context io;
    FakeService service{io.get_executor()};
    api::ApiRouter router{service, kToken};
};

}  // namespace plcbridge::testing
