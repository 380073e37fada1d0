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
    /// The URL with any password replaced by "***", for messages and logs.
    [[nodiscard]] std::string redacted() const;
};

[[nodiscard]] Result<DatabaseUrl> parse_database_url(std::string_view url);

}  // namespace plcbridge::store
