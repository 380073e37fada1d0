#pragma once
/// [database] url: `sqlite:PATH` (the embedded default) or `postgresql://user:password@host:port/db`.

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
    /// The URL with any password replaced by "***", for messages and logs.
    [[nodiscard]] std::string redacted() const;
};

[[nodiscard]] Result<DatabaseUrl> parse_database_url(std::string_view url);

}  // namespace plcbridge::store
