#pragma once
// A stand-in for the running service behind the HTTP router (service::ServiceApi): answers from
// memory, records what it was asked, and puts the text it was given back into its answers (as
// stored notes and MO names come back in the real one). Used by the router's unit tests and the
// HTTP fuzz target.

#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include <boost/asio/any_io_executor.hpp>

#include "plcbridge/core/logger.hpp"
#include "plcbridge/service/service_api.hpp"
#include "plcbridge/store/errc.hpp"

namespace plcbridge::testing {

class SilentLog final : public Logger {
  public:
    void log(LogLevel, std::string_view) override {}
};

class FakeService final : public service::ServiceApi {
  public:
    explicit FakeService(boost::asio::any_io_executor executor) : scheduler_(std::move(executor), log_) {}

    // --- what it answers ---
    service::HealthReport health_report;
    std::optional<Error> batches_error;
    std::optional<Error> histories_error;
    std::optional<Error> cancel_error;
    std::optional<tasks::SyncOutcome> sync_outcome = tasks::SyncOutcome{};
    int slot_count = 10;

    // --- what it was asked ---
    std::vector<std::tuple<int, std::string, bool>> cancels;
    std::optional<store::HistoryFilter> last_filter;

    [[nodiscard]] service::HealthReport health() const override {
        service::HealthReport h = health_report;
        h.at = std::chrono::system_clock::now();
        if (!last_text_.empty()) h.batch_concerns.push_back(last_text_);
        return h;
    }
    [[nodiscard]] std::chrono::milliseconds stale_after() const noexcept override { return std::chrono::seconds(15); }
    boost::asio::awaitable<Result<std::vector<service::BatchView>>> batches() override {
        if (batches_error) co_return *batches_error;
        service::BatchView view;
        view.batch.batch_no = 1;
        view.batch.mo_id = last_text_.empty() ? "WH/MO/00001" : last_text_;
        co_return std::vector<service::BatchView>{view};
    }
    boost::asio::awaitable<Result<std::vector<store::History>>> histories(store::HistoryFilter filter) override {
        last_filter = filter;
        if (histories_error) co_return *histories_error;
        store::History h;
        h.mo_id = filter.mo_id.value_or("WH/MO/00001");
        h.status = filter.status.value_or("completed");
        h.notes = last_text_;
        co_return std::vector<store::History>{h};
    }
    boost::asio::awaitable<Result<service::ManualCancelResult>> manual_cancel(int batch_no, std::string notes,
                                                                              bool cancel_in_odoo) override {
        cancels.emplace_back(batch_no, notes, cancel_in_odoo);
        last_text_ = notes;
        if (cancel_error) co_return *cancel_error;
        service::ManualCancelResult r{batch_no, "WH/MO/00001", std::move(notes), std::nullopt};
        if (cancel_in_odoo) r.job_id = 42;
        co_return r;
    }
    boost::asio::awaitable<std::optional<tasks::SyncOutcome>> trigger_plc_sync() override { co_return sync_outcome; }
    [[nodiscard]] service::Scheduler& scheduler() noexcept override { return scheduler_; }
    [[nodiscard]] std::string metrics() const override { return "# TYPE x counter\nx 1\n"; }
    [[nodiscard]] int slots() const noexcept override { return slot_count; }

  private:
    SilentLog log_;
    service::Scheduler scheduler_;
    std::string last_text_;
};

}  // namespace plcbridge::testing
