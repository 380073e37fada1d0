#pragma once
/// The active batches as the operator sees them: each with its Odoo jobs and Task 4's concerns.
/// Shared by the API's /api/batches and the batch-health task.

#include <chrono>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "plcbridge/core/result.hpp"
#include "plcbridge/service/service_api.hpp"
#include "plcbridge/store/db_worker.hpp"

namespace plcbridge::service {

boost::asio::awaitable<Result<std::vector<BatchView>>> load_batch_views(store::DbWorker& db,
                                                                        std::chrono::seconds stuck_after);

}  // namespace plcbridge::service
