#pragma once
// One store test body, run against SQLite (a fresh file) and PostgreSQL (the throwaway cluster
// that `make test` starts; its URL in PLCBRIDGE_TEST_PG_URL, schema reset per test).

#include <gtest/gtest.h>

#include <unistd.h>
#include <atomic>
#include <cstdlib>
#include <filesystem>

#include "plcbridge/store/sql_repository.hpp"

namespace plcbridge::testing {

enum class StoreBackend { sqlite, postgresql };

inline std::string backend_name(const ::testing::TestParamInfo<StoreBackend>& info) {
    return info.param == StoreBackend::sqlite ? "sqlite" : "postgresql";
}

/// A database URL for a fresh, empty database of `backend`.
inline std::string fresh_database(StoreBackend backend) {
    static std::atomic<int> counter{0};
    if (backend == StoreBackend::sqlite) {
        const std::string path = ::testing::TempDir() + "/plcbridge_store_" + std::to_string(getpid()) + "_" +
                                 std::to_string(counter++) + ".db";
        for (const char* suffix : {"", "-wal", "-shm"})
            std::filesystem::remove(path + suffix);
        return "sqlite:" + path;
    }
    const char* url = std::getenv("PLCBRIDGE_TEST_PG_URL");
    if (url == nullptr) {
        ADD_FAILURE() << "PLCBRIDGE_TEST_PG_URL is not set: run the suite with `make test`, which starts PostgreSQL";
        return "postgresql://unset";
    }
    auto parsed = store::parse_database_url(url);
    auto connection = store::open_connection(*parsed);
    EXPECT_TRUE(connection.ok()) << (connection.ok() ? "" : connection.error().message());
    if (connection.ok()) {
        auto reset = (*connection)->execute_script("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
        EXPECT_TRUE(reset.ok()) << (reset.ok() ? "" : reset.error().message());
    }
    return url;
}

/// `line`'s repository of the database at `url` (migrated), or null after a test failure.
inline std::unique_ptr<store::SqlRepository> open_repository(const std::string& url, int line = 1) {
    auto parsed = store::parse_database_url(url);
    EXPECT_TRUE(parsed.ok());
    auto repo = store::SqlRepository::open(*parsed, line);
    EXPECT_TRUE(repo.ok()) << (repo.ok() ? "" : repo.error().message());
    return repo.ok() ? std::move(*repo) : nullptr;
}

/// A batch of 1000 kg in `slot` for `mo`, planned on three silos and tanks with nothing dosed yet
/// (tests/store/store_contract_test.cpp checks these values as stored).
inline store::NewBatch sample_batch(int slot, std::string mo) {
    store::NewBatch b;
    b.batch_no = slot;
    b.mo_id = std::move(mo);
    b.bom = "[10092] JF SAPOT";
    b.finished_goods = "JF SAPOT";
    b.quantity = store::Decimal{100000, 100};
    b.lines = {{"silo101", store::Decimal{15007, 100}, store::Decimal{0, 100}},
               {"silo102", store::Decimal{30000, 100}, store::Decimal{0, 100}},
               {"lq115", store::Decimal{3000, 100}, store::Decimal{0, 100}}};
    return b;
}

}  // namespace plcbridge::testing
