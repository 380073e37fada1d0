#include "plcbridge/app/cancel_command.hpp"

#include <algorithm>
#include <iostream>

#include <fmt/format.h>

#include "plcbridge/app/config.hpp"
#include "plcbridge/app/config_source.hpp"
#include "plcbridge/app/existing_database.hpp"
#include "plcbridge/app/file_logger.hpp"
#include "plcbridge/app/plc_target.hpp"
#include "plcbridge/core/utf8.hpp"
#include "plcbridge/store/errc.hpp"
#include "plcbridge/store/sql_repository.hpp"
#include "plcbridge/tasks/manual_cancel.hpp"

namespace plcbridge::app {

int cancel_command(const CancelArgs& args) {
    if (!is_valid_utf8(args.notes))
        return fail(kExitBadUsage, "--notes is not valid UTF-8: the history keeps text only");
    auto config = load_command_config(args.config_path, ConfigUse::touches_database);
    if (!config) return fail(kExitBadUsage, config.error().message());
    const auto line = std::find_if(config->lines.begin(), config->lines.end(),
                                   [&](const LineConfig& l) { return l.id == args.line; });
    if (line == config->lines.end())
        return fail(kExitBadUsage, fmt::format("--line {}: the configuration has no such line", args.line));
    if (args.batch_no < 1 || args.batch_no > line->memory_map.slots) {
        return fail(kExitBadUsage, fmt::format("BATCH_NO {} is outside 1..{} ([memory_map] slots)", args.batch_no,
                                               line->memory_map.slots));
    }
    auto url = store::parse_database_url(config->database.url);
    if (!url) return fail(kExitBadUsage, url.error().message());
    if (auto exists = existing_database(*url); !exists) return fail(kExitBadUsage, exists.error().detail);
    auto repo = store::SqlRepository::open(*url, args.line);
    if (!repo) return fail(kExitBadUsage, repo.error().message());
    auto logger = FileLogger::open(logger_options(config->log, process_environment()));
    if (!logger) return fail(kExitBadUsage, logger.error().message());
    const auto now = std::chrono::system_clock::now();
    if (args.cancel_in_odoo) {
        auto queued = tasks::request_odoo_cancel(**repo, **logger, args.batch_no, args.notes, now);
        if (!queued) return fail(kExitRuntimeFailure, queued.error().message());
        std::cout << fmt::format(
            "batch #{} (MO: {}): cancel job {} queued; the running service cancels the MO in Odoo, then archives "
            "the batch\n",
            queued->batch_no, queued->mo_id, queued->job_id);
        return kExitOk;
    }
    auto done = tasks::manual_cancel(**repo, **logger, args.batch_no, args.notes, now);
    if (!done) return fail(kExitRuntimeFailure, done.error().message());
    return kExitOk;
}

}  // namespace plcbridge::app
