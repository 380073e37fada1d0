#include "plcbridge/app/cancel_command.hpp"

#include <iostream>

#include <fmt/format.h>

#include "plcbridge/app/config.hpp"
#include "plcbridge/app/file_logger.hpp"
#include "plcbridge/app/plc_target.hpp"
#include "plcbridge/core/utf8.hpp"
#include "plcbridge/store/errc.hpp"
#include "plcbridge/store/sql_repository.hpp"
#include "plcbridge/tasks/manual_cancel.hpp"

namespace plcbridge::app {

int cancel_command(const std::string& config_path, int batch_no, const std::string& notes) {
    if (!is_valid_utf8(notes)) return fail(kExitBadUsage, "--notes is not valid UTF-8: the history keeps text only");
    auto config = load_config(config_path, process_environment());
    if (!config) return fail(kExitBadUsage, config.error().message());
    if (batch_no < 1 || batch_no > config->memory_map.slots) {
        return fail(kExitBadUsage, fmt::format("BATCH_NO {} is outside 1..{} ([memory_map] slots)", batch_no,
                                               config->memory_map.slots));
    }
    auto url = store::parse_database_url(config->database.url);
    if (!url) return fail(kExitBadUsage, url.error().message());
    auto repo = store::SqlRepository::open(*url);
    if (!repo) return fail(kExitBadUsage, repo.error().message());
    auto logger = FileLogger::open(logger_options(config->log, process_environment()));
    if (!logger) return fail(kExitBadUsage, logger.error().message());
    auto done = tasks::manual_cancel(**repo, **logger, batch_no, notes, std::chrono::system_clock::now());
    if (!done) return fail(kExitRuntimeFailure, done.error().message());
    return kExitOk;
}

}  // namespace plcbridge::app
