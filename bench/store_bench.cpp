// The store's hot paths on SQLite (synchronous=FULL, WAL) and PostgreSQL (the throwaway cluster:
// fsync off, so its figures are CPU and round-trip cost, not disk): one Task-2 cycle storing changes
// for 10 batches, and archiving a batch.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>

#include "plcbridge/core/leadership.hpp"
#include "plcbridge/store/line_lease.hpp"
#include "plcbridge/store/sql_repository.hpp"

namespace plcbridge::store {
namespace {

const std::string kSqlitePath = "/tmp/plcbridge_store_bench.db";

std::unique_ptr<SqlRepository> fresh(bool postgres) {
    std::string url;
    if (postgres) {
        url = std::getenv("PLCBRIDGE_TEST_PG_URL");
        auto c = open_connection(parse_database_url(url).value()).value();
        (void)c->execute_script("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
    } else {
        for (const char* suffix : {"", "-wal", "-shm"})
            std::filesystem::remove(kSqlitePath + suffix);
        url = "sqlite:" + kSqlitePath;
    }
    return SqlRepository::open(parse_database_url(url).value()).value();
}

NewBatch batch(int slot, const std::string& mo) {
    NewBatch b{slot, mo, "[10092] JF SAPOT", "JF SAPOT", Decimal{100000, 100}, {}};
    for (int e = 0; e < 15; ++e)
        b.lines.push_back({"eq" + std::to_string(e), Decimal{1000 + e, 100}, Decimal{}});
    return b;
}

/// Ten active batches, then one Task-2 cycle (every batch's values changed) per iteration.
void store_cycles(benchmark::State& state, SqlRepository& repo) {
    std::vector<PlcUpdate> updates;
    const auto now = std::chrono::system_clock::now();
    for (int slot = 1; slot <= 10; ++slot) {
        PlcUpdate u;
        u.batch_id = repo.insert_batch(batch(slot, "WH/MO/" + std::to_string(slot)), now).value();
        updates.push_back(u);
    }
    std::int64_t tick = 0;
    for (auto _ : state) {
        ++tick;
        for (PlcUpdate& u : updates) {
            u.read_at = now + std::chrono::seconds(tick);
            u.weight_finished_good = Decimal{tick, 100};
            u.actuals = {{"eq1", Decimal{tick, 100}}, {"eq2", Decimal{tick + 1, 100}}};
        }
        if (!repo.store_plc_updates(updates)) state.SkipWithError("store failed");
    }
}

void BM_StoreCycleOfTenBatches(benchmark::State& state) {
    auto repo = fresh(state.range(0) == 1);
    store_cycles(state, *repo);
}
BENCHMARK(BM_StoreCycleOfTenBatches)->ArgName("postgres")->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

// The same cycle as a leader of a failover deployment writes it: each transaction first checks the
// line's fencing epoch under a share lock (docs/FAILOVER.md). The difference to postgres:1 above is
// what failover costs a Task-2 cycle.
void BM_StoreCycleOfTenBatchesFenced(benchmark::State& state) {
    auto repo = fresh(true);
    const InstanceIdentity me{"bench api 127.0.0.1:0 node 11", 1, 11, "127.0.0.1:0"};
    const auto epoch = take_lease(repo->connection(), me, std::chrono::hours(1)).value().value();
    Leadership leadership = Leadership::leased();
    leadership.lead(epoch, Leadership::Clock::now() + std::chrono::hours(1));
    repo->fence_writes(leadership);
    store_cycles(state, *repo);
}
BENCHMARK(BM_StoreCycleOfTenBatchesFenced)->Unit(benchmark::kMillisecond);

void BM_QueueAndArchiveBatch(benchmark::State& state) {
    auto repo = fresh(state.range(0) == 1);
    const auto now = std::chrono::system_clock::now();
    std::int64_t n = 0;
    for (auto _ : state) {
        const auto id = repo->insert_batch(batch(1, "WH/MO/A" + std::to_string(n++)), now);
        if (!id || !repo->archive_batch(*id, ArchiveStatus::completed, "", now)) state.SkipWithError("archive failed");
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_QueueAndArchiveBatch)->ArgName("postgres")->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace plcbridge::store

int main(int argc, char** argv) {
    if (std::getenv("PLCBRIDGE_TEST_PG_URL") == nullptr) {
        std::fprintf(stderr, "store_bench: set PLCBRIDGE_TEST_PG_URL (make bench starts a PostgreSQL)\n");
        return 2;
    }
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
