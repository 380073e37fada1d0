// Task 3 on real parts: SQLite on its database thread, the Odoo simulator over HTTP, the real Odoo
// client. A finished batch is reported once, the MO closed, the batch archived as completed; Odoo's
// refusals and per-item errors leave the batch for the operator; Odoo down is retried.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "plcbridge/tasks/completion_worker.hpp"
#include "support/memory_logger.hpp"
#include "support/odoo_sim_thread.hpp"
#include "support/sim_fixture.hpp"
#include "support/store_fixture.hpp"
#include "support/test_clients.hpp"

namespace plcbridge::tasks {
namespace {

using namespace std::chrono_literals;
using store::Decimal;
using testing::run_on;

const store::TimePoint kT0 = store::TimePoint(std::chrono::seconds(1'795'000'000));

class CompletionWorkerTest : public ::testing::Test {
  protected:
    CompletionWorkerTest() {
        sim::SimMo mo;
        mo.mo_id = "WH/MO/00123";
        mo.state = "progress";
        mo.quantity = 100;  // Odoo closes an MO only when at least this much was produced
        mo.components = {{"PKE", 200, 0, "silo101"}, {"CORN", 50, 0, "silo104"}};
        odoo.sim.put_mo(mo);
        db = std::make_unique<store::DbWorker>(
            testing::open_repository(testing::fresh_database(testing::StoreBackend::sqlite)));
        client = testing::loopback_odoo_client(io, odoo.port);
    }

    /// Batch in slot 3, finished by the PLC with these actuals (kg x 100) and weight.
    std::int64_t finished_batch(std::vector<std::pair<std::string, std::int64_t>> actuals, std::int64_t weight) {
        store::NewBatch b;
        b.batch_no = 3;
        b.mo_id = "WH/MO/00123";
        b.quantity = Decimal{100000, 100};
        store::PlcUpdate u;
        u.read_at = kT0;
        u.status_manufacturing = true;
        u.weight_finished_good = Decimal{weight, 100};
        for (const auto& [code, centi] : actuals) {
            b.lines.push_back({code, Decimal{centi, 100}, Decimal{0, 100}});
            u.actuals.emplace_back(code, Decimal{centi, 100});
        }
        const auto id = run_on(io, db->run([&](store::Repository& r) { return r.insert_batch(b, kT0); })).value();
        u.batch_id = id;
        const std::vector<store::PlcUpdate> updates{u};
        EXPECT_TRUE(run_on(io, db->run([&](store::Repository& r) { return r.store_plc_updates(updates); })).ok());
        return id;
    }
    CompletionWorker worker(bool mark_done = true) {
        return CompletionWorker(*db, *client, log, {{"test-worker", 60s, 20, {5s, 300s}, {}}, mark_done});
    }
    std::vector<store::History> histories() {
        return run_on(io, db->run([](store::Repository& r) { return r.histories({}); })).value();
    }
    std::vector<store::Job> jobs(std::int64_t id) {
        return run_on(io, db->run([id](store::Repository& r) { return r.jobs_for_batch(id); })).value();
    }
    int calls(const std::string& path) const {
        int n = 0;
        for (const auto& c : odoo.sim.calls())
            n += c.starts_with(path) ? 1 : 0;
        return n;
    }

    testing::OdooSimThread odoo;
    boost::asio::io_context io;
    std::unique_ptr<store::DbWorker> db;
    std::unique_ptr<odoo::OdooClient> client;
    testing::MemoryLogger log;
};

TEST_F(CompletionWorkerTest, AFinishedBatchIsReportedOnceTheMoClosedAndTheBatchArchivedAsCompleted) {
    const auto id = finished_batch({{"silo101", 19950}, {"silo104", 5025}}, 99870);
    CompletionWorker w = worker();
    EXPECT_EQ(run_on(io, w.enqueue_finished(kT0)), 1);
    EXPECT_EQ(run_on(io, w.enqueue_finished(kT0)), 0) << "one report job per batch";
    EXPECT_EQ(run_on(io, w.run_once(kT0)), 1);

    const auto mo = odoo.sim.mo("WH/MO/00123").value();
    EXPECT_EQ(mo.state, "done");
    EXPECT_DOUBLE_EQ(mo.components[0].consumed, 199.50);
    EXPECT_DOUBLE_EQ(mo.components[1].consumed, 50.25);
    const auto h = histories();
    ASSERT_EQ(h.size(), 1U);
    EXPECT_EQ(h[0].batch_id, id);
    EXPECT_EQ(h[0].status, "completed");
    EXPECT_EQ(h[0].notes, "Completed: consumption reported to Odoo, MO marked done");
    EXPECT_EQ(h[0].lines.size(), 2U);
    EXPECT_EQ(calls("/api/scada/mo/update-with-consumptions"), 1);
    EXPECT_EQ(calls("/api/scada/mo/mark-done"), 1);
    EXPECT_EQ(log.lines().back(), "[INFO] ✓✓ Batch #3 (MO: WH/MO/00123) completed and archived to history");
    EXPECT_EQ(run_on(io, w.run_once(kT0 + 1h)), 0) << "nothing left";
}

TEST_F(CompletionWorkerTest, FinishedAndFailedInOneReadIsArchivedWithTheFailureOnRecord) {
    const auto id = finished_batch({{"silo101", 19950}}, 99870);
    store::PlcUpdate latch;  // Task 2's latch_only: finished and failed in the same read
    latch.batch_id = id;
    latch.read_at = kT0;
    latch.status_operation = true;
    const std::vector<store::PlcUpdate> updates{latch};
    ASSERT_TRUE(run_on(io, db->run([&](store::Repository& r) { return r.store_plc_updates(updates); })).ok());
    CompletionWorker w = worker();
    EXPECT_EQ(run_on(io, w.enqueue_finished(kT0)), 1);
    EXPECT_EQ(run_on(io, w.run_once(kT0)), 1);
    const auto h = histories();
    ASSERT_EQ(h.size(), 1U);
    EXPECT_EQ(h[0].status, "completed");
    EXPECT_TRUE(h[0].status_operation) << "the seed's monitoring queries for status_operation = 1 find it";
    EXPECT_EQ(h[0].notes,
              "Completed with a failure: the PLC reported the batch finished and failed (status_operation=1 kept for "
              "the operator); consumption reported to Odoo, MO marked done");
}

TEST_F(CompletionWorkerTest, OdooDownIsRetriedWithBackoffAndTheReportArrivesOnce) {
    finished_batch({{"silo101", 19950}}, 19950);
    sim::OdooFaults down;
    down.proxy_error = 1;
    odoo.sim.set_faults(down);
    CompletionWorker w = worker();
    run_on(io, w.enqueue_finished(kT0));
    run_on(io, w.run_once(kT0));
    EXPECT_TRUE(histories().empty());
    EXPECT_TRUE(w.odoo_link().down());
    EXPECT_EQ(run_on(io, w.run_once(kT0 + 1s)), 0) << "not due before the backoff";
    EXPECT_EQ(run_on(io, w.run_once(kT0 + 5s)), 1);
    ASSERT_EQ(histories().size(), 1U);
    EXPECT_EQ(odoo.sim.mo("WH/MO/00123")->state, "done");
    EXPECT_FALSE(w.odoo_link().down());
}

TEST_F(CompletionWorkerTest, PerItemErrorsLeaveTheBatchForTheOperator) {
    const auto id = finished_batch({{"silo101", 19950}, {"silo105", 1000}}, 20950);  // the MO has nothing on silo105
    CompletionWorker w = worker();
    run_on(io, w.enqueue_finished(kT0));
    run_on(io, w.run_once(kT0));
    EXPECT_TRUE(histories().empty()) << "not archived";
    const auto j = jobs(id);
    ASSERT_EQ(j.size(), 1U);
    EXPECT_EQ(j[0].state, store::JobState::needs_attention);
    EXPECT_EQ(j[0].last_error, "Odoo reported errors: silo105: No raw material move found for this equipment");
    EXPECT_EQ(calls("/api/scada/mo/mark-done"), 0) << "an MO with a failed line is not closed";
    EXPECT_EQ(run_on(io, w.run_once(kT0 + 1h)), 0) << "not retried blindly";
}

TEST_F(CompletionWorkerTest, AnMoThatOdooLeavesOpenAfterMarkDoneIsFlagged) {
    const auto id = finished_batch({{"silo101", 19950}}, 19950);
    sim::OdooFaults wizard;
    wizard.mark_done_false_success = true;
    odoo.sim.set_faults(wizard);
    CompletionWorker w = worker();
    run_on(io, w.enqueue_finished(kT0));
    run_on(io, w.run_once(kT0));
    EXPECT_TRUE(histories().empty());
    EXPECT_EQ(jobs(id).at(0).state, store::JobState::needs_attention);
    EXPECT_NE(jobs(id).at(0).last_error.find("the MO is still"), std::string::npos) << jobs(id).at(0).last_error;
}

TEST_F(CompletionWorkerTest, ABatchWithNoConsumptionAtAllIsFlaggedWithoutCallingOdoo) {
    const auto id = finished_batch({{"silo101", 0}}, 0);
    CompletionWorker w = worker();
    run_on(io, w.enqueue_finished(kT0));
    run_on(io, w.run_once(kT0));
    EXPECT_EQ(jobs(id).at(0).state, store::JobState::needs_attention);
    EXPECT_EQ(calls("/api/scada/mo/update-with-consumptions"), 0);
}

TEST_F(CompletionWorkerTest, AReportCutShortAfterOdooClosedTheMoIsArchivedWithoutReportingAgain) {
    const auto id = finished_batch({{"silo101", 19950}}, 19950);
    CompletionWorker w = worker();
    run_on(io, w.enqueue_finished(kT0));
    // As if a previous process reported and marked done, then died before storing that.
    sim::SimMo closed = odoo.sim.mo("WH/MO/00123").value();
    closed.state = "done";
    odoo.sim.put_mo(closed);
    run_on(io, w.run_once(kT0));
    ASSERT_EQ(histories().size(), 1U) << "archived";
    EXPECT_EQ(histories()[0].status, "completed");
    EXPECT_EQ(calls("/api/scada/mo/update-with-consumptions"), 0) << "Odoo refuses a report on a done MO";
    EXPECT_TRUE(jobs(id).empty() || jobs(id).at(0).state == store::JobState::done);
}

TEST_F(CompletionWorkerTest, WithoutMarkDoneTheReportAloneCompletesTheBatch) {
    finished_batch({{"silo101", 19950}}, 19950);
    CompletionWorker w = worker(false);
    run_on(io, w.enqueue_finished(kT0));
    run_on(io, w.run_once(kT0));
    ASSERT_EQ(histories().size(), 1U);
    EXPECT_EQ(histories()[0].notes, "Completed: consumption reported to Odoo");
    EXPECT_EQ(calls("/api/scada/mo/mark-done"), 0);
}

}  // namespace
}  // namespace plcbridge::tasks
