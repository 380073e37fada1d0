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

inline std::unique_ptr<store::SqlRepository> open_repository(const std::string& url) {
    auto parsed = store::parse_database_url(url);
    EXPECT_TRUE(parsed.ok());
    auto repo = store::SqlRepository::open(*parsed);
    EXPECT_TRUE(repo.ok()) << (repo.ok() ? "" : repo.error().message());
    return repo.ok() ? std::move(*repo) : nullptr;
}

}  // namespace plcbridge::testing
