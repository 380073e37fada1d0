// The durable auto-cancel end to end below the scheduler: the job table on a real SQLite file (on
// its database thread), the Odoo simulator over HTTP, the real Odoo client.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <boost/asio/post.hpp>

#include "plcbridge/sim/odoo_sim_server.hpp"
#include "plcbridge/tasks/cancel_worker.hpp"
#include "support/memory_logger.hpp"
#include "support/sim_fixture.hpp"
#include "support/store_fixture.hpp"

namespace plcbridge::tasks {
namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;
using testing::run_on;

const store::TimePoint kT0 = store::TimePoint(std::chrono::seconds(1'795'000'000));

class CancelWorkerTest : public ::testing::Test {
  protected:
    CancelWorkerTest() : odoo_server_(odoo_io_, odoo_sim) {
        sim::SimMo mo;
        mo.mo_id = "WH/MO/00123";
        mo.state = "progress";
        mo.components = {{"PKE", 200, 0, "silo101"}};
        odoo_sim.put_mo(mo);
        const auto port = odoo_server_.listen("127.0.0.1", 0).value();
        odoo_thread_ = std::thread([this] { odoo_io_.run(); });
        url_ = testing::fresh_database(testing::StoreBackend::sqlite);
        db = std::make_unique<store::DbWorker>(testing::open_repository(url_));
        odoo::OdooOptions o{fmt::format("http://127.0.0.1:{}", port), "odoo14", "admin", "admin", 2000ms};
        client = odoo::OdooClient::create(io.get_executor(), o).value();
    }
    ~CancelWorkerTest() override {
        asio::post(odoo_io_, [this] {
            odoo_server_.stop();
            odoo_io_.stop();
        });
        odoo_thread_.join();
    }

    /// An active batch in slot 3 whose failure edge was recorded (as Task 2 does).
    std::int64_t failed_batch() {
        store::NewBatch b;
        b.batch_no = 3;
        b.mo_id = "WH/MO/00123";
        b.lines = {{"silo101", store::Decimal{20000, 100}, store::Decimal{15050, 100}}};
        auto id = run_on(io, db->run([&](store::Repository& r) { return r.insert_batch(b, kT0); })).value();
        EXPECT_TRUE(
            run_on(io, db->run([&](store::Repository& r) { return r.record_failure(id, kT0); })).value().created);
        return id;
    }
    CancelWorker worker() {
        return CancelWorker(*db, *client, log, JobSettings{"test-worker", 60s, 20, {5s, 300s}, {}});
    }
    /// A worker with a 1 s backoff that gives an error Odoo does not know as final `retries` retries.
    CancelWorker bounded_worker(int retries) {
        CancelWorkerSettings settings{"test-worker", 60s, 20, {1s, 1s}, {}};
        settings.odoo_retry.unknown_error_retries = retries;
        return CancelWorker(*db, *client, log, settings);
    }
    std::size_t odoo_cancel_calls() const {
        const auto calls = odoo_sim.calls();
        return static_cast<std::size_t>(std::count_if(
            calls.begin(), calls.end(), [](const std::string& c) { return c.starts_with("/api/scada/mo/cancel"); }));
    }
    std::vector<store::History> histories() {
        return run_on(io, db->run([](store::Repository& r) { return r.histories({}); })).value();
    }
    std::vector<store::Batch> active() {
        return run_on(io, db->run([](store::Repository& r) { return r.active_batches(); })).value();
    }

    sim::OdooSim odoo_sim;
    asio::io_context io;
    std::unique_ptr<store::DbWorker> db;
    std::unique_ptr<odoo::OdooClient> client;
    testing::MemoryLogger log;

  private:
    asio::io_context odoo_io_;
    sim::OdooSimServer odoo_server_;
    std::thread odoo_thread_;
    std::string url_;
};

TEST_F(CancelWorkerTest, TheFeaturesSuccessFlowCancelsInOdooAndArchivesWithEverything) {
    failed_batch();
    auto w = worker();
    EXPECT_EQ(run_on(io, w.run_once(kT0)), 1);

    EXPECT_EQ(odoo_sim.mo("WH/MO/00123")->state, "cancel");
    EXPECT_EQ(odoo_cancel_calls(), 1U);
    EXPECT_TRUE(active().empty());
    const auto h = histories();
    ASSERT_EQ(h.size(), 1U);
    EXPECT_EQ(h[0].status, "cancelled");
    EXPECT_EQ(h[0].notes, "Auto-cancelled: status_operation=1 (failed) detected from PLC");
    EXPECT_TRUE(h[0].status_operation);
    ASSERT_EQ(h[0].lines.size(), 1U);
    EXPECT_EQ(h[0].lines[0].actual, (store::Decimal{15050, 100})) << "consumption preserved";
    EXPECT_EQ(log.lines(), (std::vector<std::string>{
                               "[INFO] Attempting to cancel MO WH/MO/00123 in Odoo...",
                               "[INFO] ✓ Odoo cancellation successful for batch #3 (MO: WH/MO/00123)",
                               "[INFO] ✓✓ Batch #3 (MO: WH/MO/00123) cancelled and archived to history",
                           }));
    EXPECT_EQ(run_on(io, w.run_once(kT0 + 1h)), 0) << "nothing left to do";
}

TEST_F(CancelWorkerTest, Scenario1AnMoDoneInOdooIsRefusedAndTheBatchStays) {
    sim::SimMo done = *odoo_sim.mo("WH/MO/00123");
    done.state = "done";
    odoo_sim.put_mo(done);
    const std::int64_t id = failed_batch();
    auto w = worker();
    run_on(io, w.run_once(kT0));

    const auto batches = active();
    ASSERT_EQ(batches.size(), 1U);
    EXPECT_TRUE(batches[0].status_operation);
    EXPECT_TRUE(histories().empty());
    auto jobs = run_on(io, db->run([id](store::Repository& r) { return r.jobs_for_batch(id); })).value();
    EXPECT_EQ(jobs.at(0).state, store::JobState::refused);
    EXPECT_EQ(jobs.at(0).last_error, "Cannot cancel MO \"WH/MO/00123\" in state \"done\"");
    EXPECT_EQ(log.lines().back(),
              "[ERROR] ✗ Failed to cancel MO WH/MO/00123 in Odoo: Cannot cancel MO \"WH/MO/00123\" in state \"done\"");
    run_on(io, w.run_once(kT0 + 1h));
    EXPECT_EQ(odoo_cancel_calls(), 1U) << "a refused job is not retried";
}

TEST_F(CancelWorkerTest, Scenario3OdooDownIsRetriedWithBackoffUntilItSucceedsOnce) {
    failed_batch();
    odoo_sim.set_faults({.proxy_error = 1});
    auto w = worker();
    run_on(io, w.run_once(kT0));
    EXPECT_EQ(active().size(), 1U) << "the batch and its job are kept";
    EXPECT_NE(log.lines().back().find("[ERROR] ✗ Exception during auto-cancel for batch #3 (MO: WH/MO/00123)"),
              std::string::npos)
        << log.lines().back();

    EXPECT_EQ(run_on(io, w.run_once(kT0 + 1s)), 0) << "backing off, not hammering Odoo";
    EXPECT_EQ(run_on(io, w.run_once(kT0 + 6s)), 1);
    EXPECT_TRUE(active().empty());
    EXPECT_EQ(histories().size(), 1U);
    EXPECT_EQ(odoo_sim.mo("WH/MO/00123")->state, "cancel");
    EXPECT_EQ(odoo_cancel_calls(), 1U) << "the 502 came from the proxy: Odoo saw exactly one cancel";
}

std::vector<store::Job> jobs_of(asio::io_context& io, store::DbWorker& db, std::int64_t batch_id) {
    return run_on(io, db.run([batch_id](store::Repository& r) { return r.jobs_for_batch(batch_id); })).value();
}

TEST_F(CancelWorkerTest, APassingDatabaseErrorInOdooIsRetriedNotTakenForARefusal) {
    // grt_scada's catch-all answers a serialization failure as {"status": "error", "message": ...}.
    failed_batch();
    sim::OdooFaults faults;
    faults.odoo_error = 2;
    odoo_sim.set_faults(faults);
    auto w = worker();
    run_on(io, w.run_once(kT0));
    run_on(io, w.run_once(kT0 + 6s));
    EXPECT_EQ(active().size(), 1U) << "kept and retried with backoff";
    EXPECT_EQ(run_on(io, w.run_once(kT0 + 30s)), 1);
    EXPECT_TRUE(active().empty());
    EXPECT_EQ(histories().size(), 1U);
    EXPECT_EQ(odoo_sim.mo("WH/MO/00123")->state, "cancel");
    EXPECT_EQ(odoo_cancel_calls(), 3U);
}

TEST_F(CancelWorkerTest, AnUnknownErrorThatPersistsBecomesRefusedAfterTheBound) {
    const auto id = failed_batch();
    sim::OdooFaults faults;
    faults.odoo_error = 100;
    faults.odoo_error_message = "Odoo is in maintenance mode";
    odoo_sim.set_faults(faults);
    CancelWorker w = bounded_worker(2);
    for (int i = 0; i < 5; ++i)
        run_on(io, w.run_once(kT0 + i * 10s));
    const auto jobs = jobs_of(io, *db, id);
    ASSERT_EQ(jobs.size(), 1U);
    EXPECT_EQ(jobs[0].state, store::JobState::refused);
    EXPECT_EQ(jobs[0].attempts, 3) << "the first call and two retries";
    EXPECT_EQ(jobs[0].last_error, "Odoo is in maintenance mode");
    EXPECT_EQ(odoo_cancel_calls(), 3U);
    EXPECT_EQ(active().size(), 1U) << "the batch stays for the operator";
}

TEST_F(CancelWorkerTest, AnAccessErrorIsNotRetriedForeverButNeedsAttention) {
    const auto id = failed_batch();
    sim::OdooFaults faults;
    faults.access_error = 100;
    odoo_sim.set_faults(faults);
    CancelWorker w = bounded_worker(1);
    for (int i = 0; i < 4; ++i)
        run_on(io, w.run_once(kT0 + i * 10s));
    const auto jobs = jobs_of(io, *db, id);
    ASSERT_EQ(jobs.size(), 1U);
    EXPECT_EQ(jobs[0].state, store::JobState::needs_attention);
    EXPECT_EQ(odoo_cancel_calls(), 2U);
    EXPECT_NE(jobs[0].last_error.find("AccessError"), std::string::npos) << jobs[0].last_error;
    EXPECT_EQ(w.odoo_link().consecutive_failures, 0) << "Odoo answered: it is up, the call is what failed";
}

TEST_F(CancelWorkerTest, AfterACrashBetweenOdooAndTheArchiveOnlyTheArchiveIsRedone) {
    const std::int64_t id = failed_batch();
    // A worker that died right after Odoo said yes: the job is odoo_done, the batch still active.
    odoo_sim.put_mo([&] {
        sim::SimMo m = *odoo_sim.mo("WH/MO/00123");
        m.state = "cancel";
        return m;
    }());
    auto claimed = run_on(io, db->run([](store::Repository& r) {
                       return r.claim_due_jobs("dead-worker", kT0, 60s, 10, store::JobKind::cancel);
                   })).value();
    ASSERT_EQ(claimed.size(), 1U);
    ASSERT_TRUE(run_on(io, db->run([&](store::Repository& r) {
                    return r.record_attempt(claimed[0].id, "dead-worker", {store::JobState::odoo_done, "", kT0}, kT0);
                })).ok());

    auto w = worker();  // "after the restart"
    EXPECT_EQ(run_on(io, w.run_once(kT0 + 1s)), 1);
    EXPECT_EQ(odoo_cancel_calls(), 0U) << "Odoo is never called again for this batch";
    EXPECT_TRUE(active().empty());
    EXPECT_EQ(histories().size(), 1U);
    auto jobs = run_on(io, db->run([id](store::Repository& r) { return r.jobs_for_batch(id); })).value();
    EXPECT_EQ(jobs.at(0).state, store::JobState::done);
}

}  // namespace
}  // namespace plcbridge::tasks
