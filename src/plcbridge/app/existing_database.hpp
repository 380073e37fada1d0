#pragma once
/// A command that works on the service's database (cancel, check) needs it to exist: a SQLite file
/// that is not there is a wrong setting or folder, never a reason to create an empty one.

#include "plcbridge/core/result.hpp"
#include "plcbridge/store/database_url.hpp"

namespace plcbridge::app {

/// An error naming the file and the folder it was looked for in, and what to do; ok for PostgreSQL.
[[nodiscard]] Result<void> existing_database(const store::DatabaseUrl& url);

}  // namespace plcbridge::app
