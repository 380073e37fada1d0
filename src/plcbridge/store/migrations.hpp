#pragma once
/// Versioned, forward-only schema migrations. Each migration is SQL written once, with the
/// dialect's few differences (id columns, timestamp type) filled in; migrate() applies the missing
/// ones in order, each in its own transaction, under a lock so two starting processes cannot race.

#include "plcbridge/core/result.hpp"
#include "plcbridge/store/sql_connection.hpp"

namespace plcbridge::store {

/// The schema version this binary writes.
[[nodiscard]] int latest_schema_version() noexcept;

struct MigrationReport {
    int from_version = 0;
    int to_version = 0;
};

/// Brings the database to latest_schema_version(). Refuses a database newer than this binary.
[[nodiscard]] Result<MigrationReport> migrate(SqlConnection& connection);
/// Brings the database to `target` at most (the migration tests build an older schema with it).
[[nodiscard]] Result<MigrationReport> migrate(SqlConnection& connection, int target);

/// The version the database is at (0 = empty).
[[nodiscard]] Result<int> schema_version(SqlConnection& connection);

}  // namespace plcbridge::store
