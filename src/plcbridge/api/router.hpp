#pragma once
/// The HTTP API of docs/CONTRACT.md "HTTP API" that concerns the service so far: health, batches,
/// histories, the manual cancel, a manual read cycle, the scheduler. Bearer-token auth on
/// /api/admin/* (with no token configured, admin is open: the service only starts that way on a
/// loopback address). Every error is a JSON body {"error": code, "message": what to do}.

#include <string>

#include <boost/asio/awaitable.hpp>

#include "plcbridge/api/http_message.hpp"
#include "plcbridge/api/request_target.hpp"
#include "plcbridge/service/service_api.hpp"

namespace plcbridge::api {

class ApiRouter {
  public:
    ApiRouter(service::ServiceApi& service, std::string token) : service_(service), token_(std::move(token)) {}

    boost::asio::awaitable<HttpResponse> handle(HttpRequest request);

  private:
    boost::asio::awaitable<HttpResponse> histories(const RequestTarget& target);
    boost::asio::awaitable<HttpResponse> cancel_batch(const RequestTarget& target, std::string_view batch_text,
                                                      const std::string& body);
    boost::asio::awaitable<HttpResponse> trigger_plc_sync();
    HttpResponse toggle_scheduler(const std::string& body);

    service::ServiceApi& service_;
    std::string token_;
};

}  // namespace plcbridge::api
