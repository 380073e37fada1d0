#include "plcbridge/app/existing_database.hpp"

#include <filesystem>

#include <fmt/format.h>

#include "plcbridge/app/config.hpp"

namespace plcbridge::app {

Result<void> existing_database(const store::DatabaseUrl& url) {
    std::error_code ec;
    if (url.backend != store::Backend::sqlite || std::filesystem::exists(url.target, ec)) return {};
    return Error{make_error_code(ConfigErrc::invalid_value),
                 fmt::format("[database] url {}: no such database file (in {}); check [database] url, or run "
                             "`plcbridge migrate` with the service's configuration first",
                             url.redacted(), std::filesystem::current_path(ec).string())};
}

}  // namespace plcbridge::app
