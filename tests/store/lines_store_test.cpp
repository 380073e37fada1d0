// Several lines in one database (docs/LINES.md): the schema-4 migration keeps every row of a
// single-line database as line 1, and each line's repository sees and changes its own line only.
#include <gtest/gtest.h>

#include "plcbridge/store/errc.hpp"
#include "plcbridge/store/migrations.hpp"
#include "support/store_fixture.hpp"

namespace plcbridge::store {
namespace {

using testing::StoreBackend;
using namespace std::chrono_literals;

const TimePoint kT0 = TimePoint(std::chrono::milliseconds(1'795'000'000'000));  // 2026-11-18

using testing::sample_batch;

class LinesStore : public ::testing::TestWithParam<StoreBackend> {
  protected:
    void SetUp() override { url = testing::fresh_database(GetParam()); }

    std::string url;
};

std::vector<Row> sql(SqlConnection& c, std::string_view statement) {
    auto rows = c.query(statement);
    EXPECT_TRUE(rows.ok()) << statement << ": " << (rows.ok() ? "" : rows.error().message());
    return rows.ok() ? std::move(*rows) : std::vector<Row>{};
}

TEST_P(LinesStore, ASingleLineDatabaseBecomesLineOneWithoutLosingARow) {
    // A database as the previous release left it (schema 3), with rows in every table the migration
    // changes: an active batch with its lines, one archived, a job, an equipment failure, an event.
    std::int64_t archived_id = 0;
    {
        auto connection = open_connection(parse_database_url(url).value());
        ASSERT_TRUE(connection.ok());
        SqlConnection& c = **connection;
        ASSERT_TRUE(migrate(c, 3).ok());
        ASSERT_EQ(schema_version(c).value(), 3);
        ASSERT_TRUE(
            c.execute_script(
                 "INSERT INTO mo_batch (batch_no, mo_id, bom, finished_goods, quantity, created_at, updated_at) "
                 "VALUES (1, 'WH/MO/00011', 'b', '[10092] JF SAPOT 1B', 1000, '2026-11-18 10:00:00', "
                 "'2026-11-18 10:00:00');"
                 "INSERT INTO mo_batch (batch_no, mo_id, bom, finished_goods, quantity, created_at, updated_at) "
                 "VALUES (2, 'WH/MO/00012', 'b', 'x', 500, '2026-11-18 10:00:00', '2026-11-18 10:00:00');")
                .ok());
        const auto ids = sql(c, "SELECT id FROM mo_batch ORDER BY batch_no");
        ASSERT_EQ(ids.size(), 2U);
        const std::string first = std::to_string(ids[0].integer(0));
        archived_id = ids[1].integer(0);
        ASSERT_TRUE(c.execute_script(
                         "INSERT INTO mo_batch_line (batch_id, equipment_code, planned, actual) VALUES (" + first +
                         ", 'silo103', 300, 120.5);"
                         "INSERT INTO mo_histories (batch_id, batch_no, mo_id, status, notes, status_manufacturing, "
                         "status_operation, batch_created_at, created_at) VALUES (" +
                         std::to_string(archived_id) +
                         ", 2, 'WH/MO/00012', 'cancelled', 'Auto-cancelled', FALSE, TRUE, '2026-11-18 10:00:00', "
                         "'2026-11-18 11:00:00');"
                         "DELETE FROM mo_batch WHERE id = " +
                         std::to_string(archived_id) +
                         ";"
                         "INSERT INTO odoo_job (kind, batch_id, mo_id, state, next_attempt_at, created_at, updated_at) "
                         "VALUES ('consumption', " +
                         first +
                         ", 'WH/MO/00011', 'pending', '2026-11-18 10:00:00', '2026-11-18 10:00:00', "
                         "'2026-11-18 10:00:00');"
                         "INSERT INTO equipment_failure (equipment_code, info, occurred_at, detected_at) VALUES "
                         "('silo101', 'motor overload', '2026-11-18T09:00:00.000Z', '2026-11-18T09:00:05.000Z');"
                         "INSERT INTO event_log (at, level, category, message) VALUES ('2026-11-18 10:00:00', 'info', "
                         "'queue', 'queued');")
                        .ok());
    }

    auto line1 = testing::open_repository(url, 1);  // migrates to the latest schema
    ASSERT_NE(line1, nullptr);
    EXPECT_EQ(schema_version(line1->connection()).value(), latest_schema_version());
    for (const char* table : {"mo_batch", "mo_histories", "odoo_job", "equipment_failure", "event_log"}) {
        const auto rows = sql(line1->connection(), std::string("SELECT COUNT(*), MIN(line), MAX(line) FROM ") + table);
        ASSERT_EQ(rows.size(), 1U);
        EXPECT_EQ(rows[0].integer(0), 1) << table << ": the row is still there";
        EXPECT_EQ(rows[0].integer(1), 1) << table << ": it belongs to line 1";
        EXPECT_EQ(rows[0].integer(2), 1) << table;
    }
    auto batches = line1->active_batches();
    ASSERT_TRUE(batches.ok()) << batches.error().message();
    ASSERT_EQ(batches->size(), 1U);
    EXPECT_EQ(batches->at(0).mo_id, "WH/MO/00011");
    EXPECT_EQ(batches->at(0).line, 1);
    ASSERT_EQ(batches->at(0).lines.size(), 1U) << "the batch's lines moved with it";
    EXPECT_EQ(batches->at(0).lines[0].actual, (Decimal{12050, 100}));
    auto history = line1->histories({});
    ASSERT_TRUE(history.ok());
    ASSERT_EQ(history->size(), 1U);
    EXPECT_EQ(history->at(0).line, 1);
    EXPECT_EQ(line1->jobs_in_state(JobState::pending)->size(), 1U);
    EXPECT_EQ(line1->recent_equipment_failures(10)->size(), 1U);

    // An id once given is never given again: the archived batch's id is in mo_histories.
    auto next = line1->insert_batch(sample_batch(3, "WH/MO/00013"), kT0);
    ASSERT_TRUE(next.ok()) << next.error().message();
    EXPECT_GT(*next, archived_id);
    // The same failure event again is still recognised as stored.
    auto again = line1->insert_equipment_failure(
        {"silo101", "motor overload", std::chrono::sys_days{2026y / 11 / 18} + 9h}, kT0);
    ASSERT_TRUE(again.ok()) << again.error().message();
    EXPECT_FALSE(again->has_value());
    // The seed's monitoring queries run unchanged.
    EXPECT_EQ(sql(line1->connection(),
                  "SELECT batch_no, mo_id, status, notes, status_operation FROM mo_histories "
                  "WHERE status = 'cancelled' ORDER BY created_at DESC")
                  .size(),
              1U);
    EXPECT_EQ(sql(line1->connection(),
                  "SELECT DATE(created_at) as date, COUNT(*) as cancelled_count FROM mo_histories "
                  "WHERE status = 'cancelled' GROUP BY DATE(created_at) ORDER BY date DESC")
                  .size(),
              1U);
}

TEST_P(LinesStore, EachLineSeesAndChangesOnlyItsOwnBatchesJobsAndEvents) {
    auto line1 = testing::open_repository(url, 1);
    auto line2 = testing::open_repository(url, 2);
    ASSERT_NE(line1, nullptr);
    ASSERT_NE(line2, nullptr);
    const std::int64_t a = line1->insert_batch(sample_batch(1, "WH/MO/00011"), kT0).value();
    // Slot 1 is a slot of each line's PLC.
    auto b = line2->insert_batch(sample_batch(1, "WH/MO/00021"), kT0);
    ASSERT_TRUE(b.ok()) << b.error().message();
    // One slot holds one batch on its line; one MO is queued on one line only.
    EXPECT_EQ(line1->insert_batch(sample_batch(1, "WH/MO/00012"), kT0).error().code, Errc::constraint);
    EXPECT_EQ(line2->insert_batch(sample_batch(2, "WH/MO/00011"), kT0).error().code, Errc::constraint);

    ASSERT_EQ(line1->active_batches()->size(), 1U);
    EXPECT_EQ(line1->active_batches()->at(0).mo_id, "WH/MO/00011");
    EXPECT_EQ(line2->active_batches()->at(0).mo_id, "WH/MO/00021");
    EXPECT_EQ(line2->active_batches()->at(0).line, 2);
    EXPECT_EQ(line2->find_batch_by_slot(1).value()->mo_id, "WH/MO/00021");

    // The failure edge's cancel job is line 2's: line 1's workers never claim it.
    auto edge = line2->record_failure(*b, kT0);
    ASSERT_TRUE(edge.ok());
    EXPECT_TRUE(line1->claim_due_jobs("w1", kT0 + 1s, 30s, 10)->empty());
    auto claimed = line2->claim_due_jobs("w2", kT0 + 1s, 30s, 10);
    ASSERT_EQ(claimed->size(), 1U);
    EXPECT_EQ(claimed->at(0).id, edge->job_id);
    EXPECT_EQ(line1->retry_job(edge->job_id, kT0).error().code, Errc::not_found);

    ASSERT_TRUE(line2->archive_batch(*b, ArchiveStatus::cancelled, "Auto-cancelled", kT0 + 2s).ok());
    EXPECT_TRUE(line1->histories({})->empty());
    ASSERT_EQ(line2->histories({})->size(), 1U);
    EXPECT_EQ(line2->histories({})->at(0).line, 2);
    EXPECT_TRUE(line1->mo_in_history("WH/MO/00021").value()) << "an archived MO is never queued again on any line";
    EXPECT_EQ(line1->batch_totals("Auto-cancelled")->active, 1);
    EXPECT_EQ(line1->batch_totals("Auto-cancelled")->cancelled_auto, 0);
    EXPECT_EQ(line2->batch_totals("Auto-cancelled")->cancelled_auto, 1);
    EXPECT_EQ(line2->batch_totals("Auto-cancelled")->active, 0);

    // The same equipment code on two PLCs is two events.
    const EquipmentFailure motor{"silo101", "motor overload", kT0};
    EXPECT_TRUE(line1->insert_equipment_failure(motor, kT0)->has_value());
    EXPECT_TRUE(line2->insert_equipment_failure(motor, kT0)->has_value());
    EXPECT_EQ(line1->recent_equipment_failures(10)->size(), 1U);
    ASSERT_TRUE(line2->log_event({kT0, "info", "queue", 1, "WH/MO/00021", "queued"}).ok());
    EXPECT_EQ(line1->prune_events(kT0 + 1h).value(), 0);
    EXPECT_EQ(line2->prune_events(kT0 + 1h).value(), 1);
    EXPECT_EQ(line1->find_batch_by_slot(1).value()->id, a);
}

INSTANTIATE_TEST_SUITE_P(Backends, LinesStore, ::testing::Values(StoreBackend::sqlite, StoreBackend::postgresql),
                         testing::backend_name);

}  // namespace
}  // namespace plcbridge::store
