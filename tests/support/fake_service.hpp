#pragma once
// A stand-in for the running service behind the HTTP router (service::ServiceApi): answers from
// memory, records what it was asked, and puts the text it was given back into its answers (as
// stored notes and MO names come back in the real one). Used by the router's unit tests and the
// HTTP fuzz target.

#include <map>
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

    // --- the console: accounts by name with their password in clear (the fake needs no hash) ---
    struct FakeAccount {
        std::string role;
        std::string password;
        bool disabled = false;
    };
    std::map<std::string, FakeAccount> accounts;
    std::vector<store::AuditEntry> audit_log;
    std::vector<std::int64_t> retried_jobs;
    std::optional<Error> retry_error;

    boost::asio::awaitable<Result<service::ConsoleInputs>> console_inputs() override {
        service::ConsoleInputs in;
        auto views = co_await batches();
        if (!views) co_return views.error();
        in.batches = std::move(*views);
        co_return in;
    }
    boost::asio::awaitable<Result<std::optional<store::OperatorAccount>>> sign_in(std::string username,
                                                                                  std::string password) override {
        auto it = accounts.find(username);
        if (it == accounts.end() || it->second.disabled || it->second.password != password)
            co_return std::optional<store::OperatorAccount>{};
        co_return account_of(username);
    }
    boost::asio::awaitable<Result<std::optional<store::OperatorAccount>>> find_operator(std::string username) override {
        if (!accounts.contains(username)) co_return std::optional<store::OperatorAccount>{};
        co_return account_of(username);
    }
    boost::asio::awaitable<Result<void>> audit(store::AuditEntry entry) override {
        audit_log.push_back(std::move(entry));
        co_return Result<void>{};
    }
    boost::asio::awaitable<Result<std::vector<store::AuditEntry>>> audit_entries(store::AuditFilter) override {
        co_return std::vector<store::AuditEntry>(audit_log.rbegin(), audit_log.rend());
    }
    boost::asio::awaitable<Result<std::vector<store::StoredEquipmentFailure>>> equipment_failures(int) override {
        co_return std::vector<store::StoredEquipmentFailure>{};
    }
    boost::asio::awaitable<Result<store::Job>> retry_job(std::int64_t job_id) override {
        retried_jobs.push_back(job_id);
        if (retry_error) co_return *retry_error;
        store::Job job;
        job.id = job_id;
        job.mo_id = "WH/MO/00001";
        co_return job;
    }

  private:
    std::optional<store::OperatorAccount> account_of(const std::string& username) const {
        const FakeAccount& a = accounts.at(username);
        store::OperatorAccount account;
        account.username = username;
        account.role = a.role;
        account.disabled = a.disabled;
        return account;
    }

    SilentLog log_;
    service::Scheduler scheduler_;
    std::string last_text_;
};

}  // namespace plcbridge::testing
