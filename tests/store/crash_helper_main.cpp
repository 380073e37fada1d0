// store_crash_helper URL PREFIX: queues and archives batches forever (resuming any batch a previous,
// killed run left active). The crash-safety test SIGKILLs it at random moments.
#include <cstdio>
#include <string>

#include "plcbridge/store/sql_repository.hpp"

using namespace plcbridge::store;

int main(int argc, char** argv) {
    if (argc != 3) return 2;
    auto url = parse_database_url(argv[1]);
    if (!url) return 2;
    auto repo = SqlRepository::open(*url);
    if (!repo) {
        std::fprintf(stderr, "%s\n", repo.error().message().c_str());
        return 1;
    }
    const std::string prefix = argv[2];
    const auto now = std::chrono::system_clock::now();
    // Resume: whatever a killed run left active is archived first.
    for (const Batch& b : (*repo)->active_batches().value()) {
        if (!(*repo)->archive_batch(b.id, ArchiveStatus::completed, "resumed", now)) return 1;
    }
    for (long i = 0;; ++i) {
        NewBatch b;
        b.batch_no = static_cast<int>(i % 10) + 1;
        b.mo_id = prefix + "/" + std::to_string(i);
        PlcUpdate update;
        for (int e = 0; e < 15; ++e) {
            const std::string code = e < 13 ? "silo" + std::to_string(101 + e) : "lq" + std::to_string(101 + e);
            b.lines.push_back({code, Decimal{1000 + e, 100}, Decimal{0, 100}});
            update.actuals.emplace_back(code, Decimal{900 + e, 100});
        }
        auto id = (*repo)->insert_batch(b, now);
        if (!id) return 1;
        update.batch_id = *id;
        update.read_at = now;
        update.status_manufacturing = true;
        if (!(*repo)->store_plc_updates(std::span(&update, 1))) return 1;
        if (i % 3 == 0 && !(*repo)->record_failure(*id, now)) return 1;
        if (!(*repo)->archive_batch(*id, i % 3 == 0 ? ArchiveStatus::cancelled : ArchiveStatus::completed, "", now)) {
            return 1;
        }
    }
}
