#pragma once
/// [database] url: `sqlite:PATH` (the embedded default) or `postgresql://user:password@host:port/db`.

#include <chrono>
#include <string>
#include <string_view>

#include "plcbridge/core/result.hpp"

namespace plcbridge::store {

enum class Backend { sqlite, postgresql };

struct DatabaseUrl {
    Backend backend = Backend::sqlite;
    std::string target;  ///< the SQLite file path, or the PostgreSQL URI as libpq takes it
    /// How this process's PostgreSQL sessions appear in pg_stat_activity: "plcbridge", or with the
    /// instance's name when several share the database (docs/FAILOVER.md). At most 63 bytes.
    std::string application_name = "plcbridge";
    /// PostgreSQL ends a session left idle inside a transaction for this long (0: never). Failover
    /// sets it below the lease: a leader cut off mid-transaction would otherwise hold its share lock
    /// on the line's lease row until the server's TCP keepalive, and no standby could take over.
    std::chrono::milliseconds idle_in_transaction_timeout{0};
    /// The URL with any password replaced by "***", for messages and logs.
    [[nodiscard]] std::string redacted() const;
};

[[nodiscard]] Result<DatabaseUrl> parse_database_url(std::string_view url);

}  // namespace plcbridge::store
