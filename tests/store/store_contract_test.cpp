// The store contract: every operation the tasks rely on, on SQLite and on a real PostgreSQL.
#include <gtest/gtest.h>

#include <thread>

#include "plcbridge/store/errc.hpp"
#include "plcbridge/store/migrations.hpp"
#include "support/store_fixture.hpp"
#include "support/tcp_cut_proxy.hpp"

namespace plcbridge::store {
namespace {

using testing::StoreBackend;
using namespace std::chrono_literals;

const TimePoint kT0 = TimePoint(std::chrono::milliseconds(1'795'000'000'000));  // 2026-11-18

using testing::sample_batch;

class StoreContract : public ::testing::TestWithParam<StoreBackend> {
  protected:
    void SetUp() override {
        url = testing::fresh_database(GetParam());
        repo = testing::open_repository(url);
        ASSERT_NE(repo, nullptr);
    }
    std::int64_t queue(int slot, const std::string& mo) {
        auto id = repo->insert_batch(sample_batch(slot, mo), kT0);
        EXPECT_TRUE(id.ok()) << (id.ok() ? "" : id.error().message());
        return id.ok() ? *id : 0;
    }
    std::vector<Row> sql(std::string_view statement) {
        auto rows = repo->connection().query(statement);
        EXPECT_TRUE(rows.ok()) << (rows.ok() ? "" : rows.error().message());
        return rows.ok() ? std::move(*rows) : std::vector<Row>{};
    }

    std::string url;
    std::unique_ptr<SqlRepository> repo;
};

TEST_P(StoreContract, MigrationCreatesTheSchemaOnceAndIsRepeatable) {
    EXPECT_EQ(schema_version(repo->connection()).value(), latest_schema_version());
    auto again = migrate(repo->connection());
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->from_version, latest_schema_version());
    EXPECT_EQ(again->to_version, latest_schema_version());
}

TEST_P(StoreContract, ADatabaseNewerThanThisBinaryIsRefused) {
    sql("INSERT INTO schema_version (version, description, applied_at) VALUES (99, 'future', '2030-01-01')");
    auto reopened = SqlRepository::open(parse_database_url(url).value());
    ASSERT_FALSE(reopened.ok());
    EXPECT_EQ(reopened.error().code, Errc::schema);
    EXPECT_NE(reopened.error().detail.find("upgrade plcbridge"), std::string::npos);
}

TEST_P(StoreContract, ABatchIsStoredWithItsLinesExactly) {
    const std::int64_t id = queue(3, "WH/MO/00123");
    auto found = repo->find_batch_by_slot(3);
    ASSERT_TRUE(found.ok() && found->has_value());
    const Batch& b = **found;
    EXPECT_EQ(b.id, id);
    EXPECT_EQ(b.mo_id, "WH/MO/00123");
    EXPECT_EQ(b.quantity, (Decimal{100000, 100}));
    EXPECT_FALSE(b.status_operation);
    EXPECT_FALSE(b.last_read_from_plc.has_value());
    EXPECT_EQ(b.created_at, kT0);
    ASSERT_EQ(b.lines.size(), 3U);
    EXPECT_EQ(b.lines[1], (BatchLine{"silo101", Decimal{15007, 100}, Decimal{0, 100}}));
}

TEST_P(StoreContract, OneActiveBatchPerSlotAndOneActiveRowPerMo) {
    queue(1, "WH/MO/00001");
    auto same_slot = repo->insert_batch(sample_batch(1, "WH/MO/00002"), kT0);
    ASSERT_FALSE(same_slot.ok());
    EXPECT_EQ(same_slot.error().code, Errc::constraint);
    auto same_mo = repo->insert_batch(sample_batch(2, "WH/MO/00001"), kT0);
    ASSERT_FALSE(same_mo.ok());
    EXPECT_EQ(same_mo.error().code, Errc::constraint);
    EXPECT_EQ(repo->active_batches()->size(), 1U) << "a refused insert leaves nothing behind";
}

TEST_P(StoreContract, APlcReadStoresWhatChangedAndAlwaysTheReadTime) {
    const std::int64_t id = queue(2, "WH/MO/00002");
    PlcUpdate quiet{id, kT0 + 5s, {}, {}, {}, {}, {}, {}};
    ASSERT_TRUE(repo->store_plc_updates(std::span(&quiet, 1)).ok());
    auto b = repo->find_batch(id).value().value();
    EXPECT_EQ(b.last_read_from_plc, kT0 + 5s);
    EXPECT_FALSE(b.last_change_from_plc.has_value()) << "a quiet read is not progress";

    PlcUpdate progress{id, kT0 + 10s, true, {}, {}, Decimal{99950, 100}, 0, {{"silo101", Decimal{14999, 100}}}};
    ASSERT_TRUE(repo->store_plc_updates(std::span(&progress, 1)).ok());
    b = repo->find_batch(id).value().value();
    EXPECT_TRUE(b.status_manufacturing);
    EXPECT_EQ(b.weight_finished_good, (Decimal{99950, 100}));
    EXPECT_EQ(b.last_change_from_plc, kT0 + 10s);
    EXPECT_EQ(b.lines[1].actual, (Decimal{14999, 100}));
    EXPECT_EQ(b.lines[1].planned, (Decimal{15007, 100})) << "the plan is untouched";
    EXPECT_FALSE(b.status_operation);

    PlcUpdate latch{id, kT0 + 15s, {}, {}, true, {}, {}, {}};
    ASSERT_TRUE(repo->store_plc_updates(std::span(&latch, 1)).ok());
    EXPECT_TRUE(repo->find_batch(id).value()->status_operation);
    EXPECT_TRUE(repo->jobs_for_batch(id)->empty()) << "a latched flag creates no cancel job";

    // A batch archived between the read and the store is skipped, the rest of the read is stored.
    PlcUpdate gone{id + 1000, kT0, {}, {}, {}, {}, {}, {}};
    PlcUpdate still{id, kT0 + std::chrono::seconds(9), {}, {}, {}, {}, {}, {}};
    const PlcUpdate both[] = {gone, still};
    auto stored = repo->store_plc_updates(both);
    ASSERT_TRUE(stored.ok()) << stored.error().message();
    EXPECT_EQ(*stored, std::vector<std::int64_t>{id + 1000});
    EXPECT_EQ(repo->find_batch(id).value()->last_read_from_plc, kT0 + std::chrono::seconds(9));
}

TEST_P(StoreContract, TheFailureEdgeStoresTheFlagAndOneCancelJobAtomically) {
    const std::int64_t id = queue(3, "WH/MO/00123");
    auto edge = repo->record_failure(id, kT0);
    ASSERT_TRUE(edge.ok()) << edge.error().message();
    EXPECT_TRUE(edge->created);
    EXPECT_TRUE(repo->find_batch(id).value()->status_operation);
    auto jobs = repo->jobs_for_batch(id).value();
    ASSERT_EQ(jobs.size(), 1U);
    EXPECT_EQ(jobs[0].kind, JobKind::cancel);
    EXPECT_EQ(jobs[0].state, JobState::pending);
    EXPECT_EQ(jobs[0].mo_id, "WH/MO/00123");

    auto again = repo->record_failure(id, kT0 + 5s);
    ASSERT_TRUE(again.ok());
    EXPECT_FALSE(again->created);
    EXPECT_EQ(again->job_id, jobs[0].id);
    EXPECT_EQ(repo->jobs_for_batch(id)->size(), 1U) << "never a second cancel job";
    EXPECT_EQ(repo->record_failure(id + 1000, kT0).error().code, Errc::not_found);
}

TEST_P(StoreContract, ArchivingMovesEverythingOnceAndClosesTheJobs) {
    const std::int64_t id = queue(3, "WH/MO/00123");
    PlcUpdate read{id, kT0 + 5s, false, {}, {}, Decimal{12345, 100}, {}, {{"silo102", Decimal{29990, 100}}}};
    ASSERT_TRUE(repo->store_plc_updates(std::span(&read, 1)).ok());
    ASSERT_TRUE(repo->record_failure(id, kT0 + 6s).ok());

    const std::string note = "Auto-cancelled: status_operation=1 (failed) detected from PLC";
    auto archived = repo->archive_batch(id, ArchiveStatus::cancelled, note, kT0 + 7s);
    ASSERT_TRUE(archived.ok()) << archived.error().message();
    EXPECT_EQ(*archived, ArchiveResult::archived);
    EXPECT_TRUE(repo->active_batches()->empty());
    EXPECT_TRUE(sql("SELECT * FROM mo_batch_line").empty());

    auto history = repo->histories({}).value();
    ASSERT_EQ(history.size(), 1U);
    const History& h = history[0];
    EXPECT_EQ(h.batch_id, id);
    EXPECT_EQ(h.batch_no, 3);
    EXPECT_EQ(h.status, "cancelled");
    EXPECT_EQ(h.notes, note);
    EXPECT_TRUE(h.status_operation);
    EXPECT_EQ(h.weight_finished_good, (Decimal{12345, 100}));
    EXPECT_EQ(h.created_at, kT0 + 7s);
    EXPECT_EQ(h.batch_created_at, kT0);
    EXPECT_EQ(h.last_read_from_plc, kT0 + 5s);
    ASSERT_EQ(h.lines.size(), 3U);
    EXPECT_EQ(h.lines[1], (BatchLine{"silo101", Decimal{15007, 100}, Decimal{0, 100}}));
    EXPECT_EQ(h.lines[2], (BatchLine{"silo102", Decimal{30000, 100}, Decimal{29990, 100}}));
    EXPECT_EQ(repo->jobs_for_batch(id).value().at(0).state, JobState::done);
    EXPECT_TRUE(repo->mo_in_history("WH/MO/00123").value());

    auto twice = repo->archive_batch(id, ArchiveStatus::cancelled, note, kT0 + 8s);
    ASSERT_TRUE(twice.ok());
    EXPECT_EQ(*twice, ArchiveResult::already_archived);
    EXPECT_EQ(repo->histories({})->size(), 1U);
    EXPECT_EQ(repo->archive_batch(id + 1000, ArchiveStatus::completed, "", kT0).error().code, Errc::not_found);
    EXPECT_NO_FATAL_FAILURE(queue(3, "WH/MO/00124"));
    EXPECT_EQ(repo->active_batches()->size(), 1U) << "the slot is free again";
}

TEST_P(StoreContract, TheSeedsOperatorQueriesRunVerbatim) {
    const std::int64_t a = queue(1, "WH/MO/00011");
    const std::int64_t b = queue(2, "WH/MO/00012");
    const std::int64_t c = queue(3, "WH/MO/00013");
    ASSERT_TRUE(repo->record_failure(a, kT0).ok());
    ASSERT_TRUE(repo->archive_batch(a, ArchiveStatus::cancelled,
                                    "Auto-cancelled: status_operation=1 (failed) detected from PLC", kT0 + 1h)
                    .ok());
    ASSERT_TRUE(repo->archive_batch(b, ArchiveStatus::cancelled, "Manually cancelled by operator", kT0 + 25h).ok());
    ASSERT_TRUE(repo->archive_batch(c, ArchiveStatus::completed, "", kT0 + 26h).ok());

    auto cancelled =
        sql("SELECT batch_no, mo_id, status, notes, status_operation\n"
            "FROM mo_histories\n"
            "WHERE status = 'cancelled'\n"
            "ORDER BY created_at DESC;");
    ASSERT_EQ(cancelled.size(), 2U);
    EXPECT_EQ(cancelled[0].text(1), "WH/MO/00012");
    EXPECT_EQ(cancelled[1].text(1), "WH/MO/00011");
    EXPECT_TRUE(cancelled[1].boolean(4));

    auto recent =
        sql("-- Recent auto-cancelled batches\n"
            "SELECT \n    batch_no, \n    mo_id, \n    status, \n    notes,\n    status_operation,\n    created_at\n"
            "FROM mo_histories\n"
            "WHERE status = 'cancelled'\n    AND notes LIKE '%Auto-cancelled%'\n"
            "ORDER BY created_at DESC\nLIMIT 10;");
    ASSERT_EQ(recent.size(), 1U);
    EXPECT_EQ(recent[0].text(1), "WH/MO/00011");

    auto per_day =
        sql("SELECT \n    DATE(created_at) as date,\n    COUNT(*) as cancelled_count\n"
            "FROM mo_histories\nWHERE status = 'cancelled'\nGROUP BY DATE(created_at)\nORDER BY date DESC;");
    ASSERT_EQ(per_day.size(), 2U);
    EXPECT_EQ(per_day[0].text(0), "2026-11-19");
    EXPECT_EQ(per_day[0].integer(1), 1);
    EXPECT_EQ(per_day[1].text(0), "2026-11-18");

    auto interface_query =
        sql("SELECT DATE(created_at) AS date, COUNT(*) FROM mo_histories WHERE status = 'cancelled' GROUP BY "
            "DATE(created_at)");
    EXPECT_EQ(interface_query.size(), 2U);
    auto monitor =
        sql("SELECT batch_no, mo_id, status_manufacturing, status_operation, last_read_from_plc FROM mo_batch");
    EXPECT_TRUE(monitor.empty());
}

TEST_P(StoreContract, AWorkerTakesBackTheJobItAdvancedButNotAnotherWorkersOrAClosedOne) {
    const std::int64_t id = queue(3, "WH/MO/00123");
    const std::int64_t job = repo->record_failure(id, kT0).value().job_id;
    ASSERT_EQ(repo->claim_due_jobs("a", kT0, 30s, 1)->size(), 1U);
    EXPECT_FALSE(repo->claim_job(job, "b", kT0 + 1s, 30s)->has_value()) << "leased to a";
    ASSERT_TRUE(repo->record_attempt(job, "a", {JobState::odoo_done, "", kT0 + 1s}, kT0 + 1s).ok());
    auto back = repo->claim_job(job, "a", kT0 + 1s, 30s).value();
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(back->state, JobState::odoo_done);
    ASSERT_TRUE(repo->archive_batch(id, ArchiveStatus::cancelled, "x", kT0 + 2s).ok());
    EXPECT_FALSE(repo->claim_job(job, "a", kT0 + 3s, 30s)->has_value()) << "closed by the archive";
}

TEST_P(StoreContract, AQueueIsStoredWhollyOrNotAtAll) {
    NewBatch a;
    a.batch_no = 1;
    a.mo_id = "WH/MO/00001";
    a.lines = {{"silo101", Decimal{20000, 100}, Decimal{0, 100}}};
    NewBatch b = a;
    b.batch_no = 2;
    b.mo_id = "WH/MO/00002";
    const std::vector<NewBatch> queue{a, b};
    auto ids = repo->insert_queue(queue, kT0);
    ASSERT_TRUE(ids.ok()) << ids.error().message();
    EXPECT_EQ(ids->size(), 2U);
    EXPECT_EQ(repo->active_batches()->size(), 2U);
    EXPECT_EQ(repo->active_batches()->at(1).lines.size(), 1U);

    // A second queue whose last batch collides with an active MO stores nothing.
    NewBatch c = a;
    c.batch_no = 3;
    c.mo_id = "WH/MO/00003";
    NewBatch clash = a;
    clash.batch_no = 4;  // same MO as slot 1
    const std::vector<NewBatch> second{c, clash};
    EXPECT_FALSE(repo->insert_queue(second, kT0).ok());
    EXPECT_EQ(repo->active_batches()->size(), 2U) << "slot 3 was not stored either";
}

TEST_P(StoreContract, JobsAreLeasedRetriedAndFinished) {
    const std::int64_t id = queue(3, "WH/MO/00123");
    const std::int64_t job = repo->record_failure(id, kT0).value().job_id;

    auto claimed = repo->claim_due_jobs("worker-a", kT0, 30s, 10).value();
    ASSERT_EQ(claimed.size(), 1U);
    EXPECT_EQ(claimed[0].id, job);
    EXPECT_EQ(claimed[0].claimed_by, "worker-a");
    EXPECT_TRUE(repo->claim_due_jobs("worker-b", kT0 + 1s, 30s, 10)->empty()) << "leased";

    // Transient failure: back to pending with a later due time.
    ASSERT_TRUE(repo->record_attempt(job, "worker-a", {JobState::pending, "timeout", kT0 + 10s}, kT0 + 2s).ok());
    EXPECT_TRUE(repo->claim_due_jobs("worker-b", kT0 + 5s, 30s, 10)->empty()) << "not due yet";
    auto retry = repo->claim_due_jobs("worker-b", kT0 + 10s, 30s, 10).value();
    ASSERT_EQ(retry.size(), 1U);
    EXPECT_EQ(retry[0].attempts, 1);
    EXPECT_EQ(retry[0].last_error, "timeout");

    // A worker whose lease was taken over cannot record over the new owner.
    auto stale = repo->record_attempt(job, "worker-a", {JobState::done, "", {}}, kT0 + 11s);
    ASSERT_FALSE(stale.ok());
    EXPECT_EQ(stale.error().code, Errc::conflict);

    // Odoo said yes, the archive is still due: claimable again, with the attempt counted.
    ASSERT_TRUE(
        repo->record_attempt(job, "worker-b", {JobState::odoo_done, "archive failed", kT0 + 12s}, kT0 + 11s).ok());
    auto archive_step = repo->claim_due_jobs("worker-b", kT0 + 12s, 30s, 10).value();
    ASSERT_EQ(archive_step.size(), 1U);
    EXPECT_EQ(archive_step[0].state, JobState::odoo_done);
    ASSERT_TRUE(repo->record_attempt(job, "worker-b", {JobState::refused, "Cannot cancel", {}}, kT0 + 13s).ok());
    EXPECT_TRUE(repo->claim_due_jobs("worker-b", kT0 + 1h, 30s, 10)->empty()) << "refused jobs are final";
    EXPECT_EQ(repo->jobs_in_state(JobState::refused)->size(), 1U);

    // A worker can ask for one kind of job only.
    const std::int64_t consumption = repo->create_job(JobKind::consumption, id, "WH/MO/00123", "", kT0).value();
    EXPECT_TRUE(repo->claim_due_jobs("canceller", kT0, 30s, 10, JobKind::cancel)->empty());
    auto of_kind = repo->claim_due_jobs("reporter", kT0, 30s, 10, JobKind::consumption).value();
    ASSERT_EQ(of_kind.size(), 1U);
    EXPECT_EQ(of_kind[0].id, consumption);
    ASSERT_TRUE(repo->record_attempt(consumption, "reporter", {JobState::done, "", {}}, kT0).ok());

    // A lease that expires (the worker died) makes the job claimable again.
    const std::int64_t other = repo->create_job(JobKind::equipment_failure, std::nullopt, "", "{}", kT0).value();
    ASSERT_EQ(repo->claim_due_jobs("dead", kT0, 30s, 10)->size(), 1U);
    auto after_lease = repo->claim_due_jobs("alive", kT0 + 31s, 30s, 10).value();
    ASSERT_EQ(after_lease.size(), 1U);
    EXPECT_EQ(after_lease[0].id, other);

    // The same worker restarted (kill -9, then a new process with the same name) takes its own
    // leased job back at once; nobody else does before the lease ends.
    EXPECT_TRUE(repo->claim_due_jobs("other", kT0 + 32s, 30s, 10)->empty());
    auto restarted = repo->claim_due_jobs("alive", kT0 + 32s, 30s, 10).value();
    ASSERT_EQ(restarted.size(), 1U);
    EXPECT_EQ(restarted[0].id, other);
}

TEST_P(StoreContract, AnEquipmentFailureIsStoredWithItsReportJobOnce) {
    const EquipmentFailure f{"silo104", "MOTOR_OVERLOAD", kT0};
    auto first = repo->record_equipment_failure(f, kT0 + 1s, "{\"equipment_code\": \"silo104\"}");
    ASSERT_TRUE(first.ok()) << first.error().message();
    EXPECT_TRUE(first->has_value());
    auto again = repo->record_equipment_failure(f, kT0 + 6s, "{}");
    ASSERT_TRUE(again.ok());
    EXPECT_FALSE(again->has_value()) << "the same event is not stored twice";
    auto jobs = repo->claim_due_jobs("reporter", kT0 + 10s, 30s, 10, JobKind::equipment_failure).value();
    ASSERT_EQ(jobs.size(), 1U) << "one report job";
    EXPECT_EQ(jobs[0].payload, "{\"equipment_code\": \"silo104\"}");
}

TEST_P(StoreContract, AnEquipmentFailureIsStoredOnce) {
    const EquipmentFailure f{"silo101", "START_FAILURE", kT0};
    auto first = repo->insert_equipment_failure(f, kT0 + 1s);
    ASSERT_TRUE(first.ok());
    EXPECT_TRUE(first->has_value());
    auto again = repo->insert_equipment_failure(f, kT0 + 6s);
    ASSERT_TRUE(again.ok());
    EXPECT_FALSE(again->has_value());
}

TEST_P(StoreContract, ACorruptValueIsAnErrorNotACrash) {
    if (GetParam() == StoreBackend::postgresql) {
        GTEST_SKIP() << "PostgreSQL's NUMERIC column refuses such a value itself; SQLite stores whatever it is given";
    }
    queue(3, "WH/MO/00123");
    sql("UPDATE mo_batch_line SET planned = 'abc' WHERE equipment_code = 'silo102'");
    auto batches = repo->active_batches();
    ASSERT_FALSE(batches.ok());
    EXPECT_EQ(batches.error().code, Errc::query);
    EXPECT_NE(batches.error().detail.find("unreadable value in the database: not a decimal column value: abc"),
              std::string::npos)
        << batches.error().detail;
    EXPECT_TRUE(repo->histories({}).ok()) << "the repository keeps working";
}

TEST_P(StoreContract, TheEventLogIsPrunedByAge) {
    ASSERT_TRUE(repo->log_event({kT0, "INFO", "task2", 3, "WH/MO/00123", "old"}).ok());
    ASSERT_TRUE(repo->log_event({kT0 + 48h, "WARNING", "task2", std::nullopt, "", "new"}).ok());
    EXPECT_EQ(repo->prune_events(kT0 + 24h).value(), 1);
    EXPECT_EQ(sql("SELECT message FROM event_log").size(), 1U);
}

TEST_P(StoreContract, HistoriesFilterAndPage) {
    for (int i = 1; i <= 5; ++i) {
        const std::int64_t id = queue(i, "WH/MO/0000" + std::to_string(i));
        ASSERT_TRUE(repo->archive_batch(id, i % 2 ? ArchiveStatus::completed : ArchiveStatus::cancelled, "",
                                        kT0 + std::chrono::minutes(i))
                        .ok());
    }
    auto paged = repo->histories({std::nullopt, std::nullopt, 2, 1, {}, {}, {}});
    ASSERT_TRUE(paged.ok()) << paged.error().message();
    auto page = *paged;
    ASSERT_EQ(page.size(), 2U);
    EXPECT_EQ(page[0].mo_id, "WH/MO/00004") << "newest first";
    EXPECT_EQ(repo->histories({"cancelled", std::nullopt, 50, 0, {}, {}, {}})->size(), 2U);
    EXPECT_EQ(repo->histories({std::nullopt, "WH/MO/00003", 50, 0, {}, {}, {}})->size(), 1U);
}

TEST_P(StoreContract, BatchTotalsCountActiveAndArchivedByOutcomeAndTellAutoCancelsByTheirNote) {
    const std::string auto_note = "Auto-cancelled: status_operation=1 (failed) detected from PLC";
    EXPECT_EQ(repo->batch_totals(auto_note)->active, 0);
    const std::int64_t completed = queue(1, "WH/MO/00001");
    const std::int64_t automatic = queue(2, "WH/MO/00002");
    const std::int64_t manual = queue(3, "WH/MO/00003");
    const std::int64_t manual_no_note = queue(4, "WH/MO/00004");
    queue(5, "WH/MO/00005");
    ASSERT_TRUE(repo->archive_batch(completed, ArchiveStatus::completed, "Completed", kT0 + 1s).ok());
    ASSERT_TRUE(repo->archive_batch(automatic, ArchiveStatus::cancelled, auto_note, kT0 + 2s).ok());
    ASSERT_TRUE(repo->archive_batch(manual, ArchiveStatus::cancelled, "wet PKE", kT0 + 3s).ok());
    ASSERT_TRUE(repo->archive_batch(manual_no_note, ArchiveStatus::cancelled, "", kT0 + 4s).ok());
    auto totals = repo->batch_totals(auto_note);
    ASSERT_TRUE(totals.ok()) << totals.error().message();
    EXPECT_EQ(totals->active, 1);
    EXPECT_EQ(totals->completed, 1);
    EXPECT_EQ(totals->cancelled_auto, 1);
    EXPECT_EQ(totals->cancelled_manual, 2);
}

TEST_P(StoreContract, TwoConnectionsArchivingTheSameBatchMakeOneHistoryRow) {
    for (int round = 0; round < 10; ++round) {
        const std::int64_t id = queue(1 + round % 10, "WH/MO/R" + std::to_string(round));
        auto other = testing::open_repository(url);
        ASSERT_NE(other, nullptr);
        Result<ArchiveResult> a = ArchiveResult::archived;
        Result<ArchiveResult> b = ArchiveResult::archived;
        std::thread t1([&] { a = repo->archive_batch(id, ArchiveStatus::cancelled, "a", kT0); });
        std::thread t2([&] { b = other->archive_batch(id, ArchiveStatus::cancelled, "b", kT0); });
        t1.join();
        t2.join();
        ASSERT_TRUE(a.ok()) << a.error().message();
        ASSERT_TRUE(b.ok()) << b.error().message();
        EXPECT_NE(*a, *b) << "one archived, the other found it archived";
    }
    EXPECT_EQ(sql("SELECT batch_id FROM mo_histories").size(), 10U);
    EXPECT_EQ(sql("SELECT COUNT(*) FROM mo_histories GROUP BY batch_id HAVING COUNT(*) > 1").size(), 0U);
}

TEST_P(StoreContract, TwoWorkersNeverClaimTheSameJob) {
    for (int i = 0; i < 40; ++i)
        ASSERT_TRUE(repo->create_job(JobKind::consumption, i + 1, "", "", kT0).ok());
    auto other = testing::open_repository(url);
    std::vector<std::int64_t> got_a;
    std::vector<std::int64_t> got_b;
    auto work = [](SqlRepository& r, const std::string& name, std::vector<std::int64_t>& got) {
        for (int i = 0; i < 20; ++i) {
            auto jobs = r.claim_due_jobs(name, kT0 + 1s, 60s, 3);
            ASSERT_TRUE(jobs.ok()) << jobs.error().message();
            for (const Job& j : *jobs) {
                got.push_back(j.id);
                // As a worker does: finish what it took (a job still leased to it is its own to retake).
                ASSERT_TRUE(r.record_attempt(j.id, name, {JobState::done, "", {}}, kT0 + 2s).ok());
            }
        }
    };
    std::thread t1([&] { work(*repo, "a", got_a); });
    std::thread t2([&] { work(*other, "b", got_b); });
    t1.join();
    t2.join();
    std::vector<std::int64_t> all = got_a;
    all.insert(all.end(), got_b.begin(), got_b.end());
    std::sort(all.begin(), all.end());
    EXPECT_EQ(std::adjacent_find(all.begin(), all.end()), all.end()) << "a job was claimed twice";
    EXPECT_EQ(all.size(), 40U);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreContract, ::testing::Values(StoreBackend::sqlite, StoreBackend::postgresql),
                         testing::backend_name);

TEST(StoreUrl, BadUrlsAreRefusedNamingTheKey) {
    for (const char* bad : {"", "mysql://x", "sqlite:", "postgresql://"}) {
        auto url = parse_database_url(bad);
        ASSERT_FALSE(url.ok()) << bad;
        EXPECT_EQ(url.error().code, Errc::bad_url);
        EXPECT_NE(url.error().detail.find("[database] url"), std::string::npos);
    }
    auto pg = parse_database_url("postgresql://plant:secret@db:5432/mes").value();
    EXPECT_EQ(pg.redacted(), "postgresql://plant:***@db:5432/mes");
}

TEST(StoreUrl, AnUnreachableServerIsUnavailableAndTheMessageHidesThePassword) {
    auto repo = SqlRepository::open(parse_database_url("postgresql://u:secret@127.0.0.1:1/none").value());
    ASSERT_FALSE(repo.ok());
    EXPECT_EQ(repo.error().code, Errc::unavailable);
    EXPECT_NE(repo.error().detail.find("[database] url postgresql://u:***@127.0.0.1:1/none"), std::string::npos)
        << repo.error().detail;
    EXPECT_EQ(repo.error().detail.find("secret"), std::string::npos);
    auto file = SqlRepository::open(parse_database_url("sqlite:/nonexistent/dir/plcbridge.db").value());
    ASSERT_FALSE(file.ok());
    EXPECT_EQ(file.error().code, Errc::unavailable);
}

}  // namespace
}  // namespace plcbridge::store

namespace plcbridge::store {
namespace {

TEST(StoreReconnect, ALostPostgresConnectionIsReopenedAndTheWriteIsNotLost) {
    const std::string url = testing::fresh_database(testing::StoreBackend::postgresql);
    auto repo = testing::open_repository(url);
    ASSERT_NE(repo, nullptr);
    auto pid = repo->connection().query("SELECT pg_backend_pid()");
    ASSERT_TRUE(pid.ok());
    // The server drops our session (what a PostgreSQL restart or a network cut looks like).
    auto admin = testing::open_repository(url);
    const SqlValue victim[] = {pid->at(0).integer(0)};
    ASSERT_TRUE(admin->connection().query("SELECT pg_terminate_backend($1)", victim).ok());

    NewBatch b;
    b.batch_no = 1;
    b.mo_id = "WH/MO/00001";
    auto id = repo->insert_batch(b, std::chrono::system_clock::now());
    ASSERT_TRUE(id.ok()) << id.error().message();
    EXPECT_GE(repo->health().reconnects, 1U);
    EXPECT_TRUE(repo->health().connected);
    EXPECT_EQ(admin->active_batches()->size(), 1U) << "the write reached the database";
}

TEST(StoreReconnect, ANetworkCutIsReportedThroughHealthAndHealsWhenTheNetworkReturns) {
    const std::string url = testing::fresh_database(testing::StoreBackend::postgresql);
    ASSERT_NE(testing::open_repository(url), nullptr);  // schema
    testing::TcpCutProxy proxy(55432);
    std::string via_proxy = url;
    via_proxy.replace(via_proxy.find(":55432"), 6, ":" + std::to_string(proxy.port()));
    auto repo = testing::open_repository(via_proxy);
    ASSERT_NE(repo, nullptr);

    proxy.cut();
    auto during = repo->active_batches();
    ASSERT_FALSE(during.ok());
    EXPECT_EQ(during.error().code, Errc::unavailable);
    EXPECT_NE(during.error().detail.find("after 4 attempts"), std::string::npos) << during.error().detail;
    EXPECT_FALSE(repo->health().connected);
    EXPECT_FALSE(repo->health().last_error.empty());

    proxy.restore();
    NewBatch b;
    b.batch_no = 2;
    b.mo_id = "WH/MO/00002";
    auto id = repo->insert_batch(b, std::chrono::system_clock::now());
    ASSERT_TRUE(id.ok()) << id.error().message();
    EXPECT_TRUE(repo->health().connected);
    EXPECT_EQ(testing::open_repository(url)->active_batches()->size(), 1U);
}

}  // namespace
}  // namespace plcbridge::store
