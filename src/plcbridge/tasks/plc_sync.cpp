#include "plcbridge/tasks/plc_sync.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "plcbridge/batch/log_messages.hpp"
#include "plcbridge/memory_map/batch_slot.hpp"
#include "plcbridge/tasks/plc_sync_plan.hpp"

namespace plcbridge::tasks {

namespace asio = boost::asio;

PlcSync::PlcSync(plc::PlcClient& plc, store::DbWorker& db, const memory_map::SlotArea& read_area, Logger& log,
                 batch::AutoCancelSettings settings)
    : plc_(plc), db_(db), area_(read_area), log_(log), settings_(settings), store_outage_(log) {
    // The whole area in as few 0101 commands as possible (the plant's READ area: one of 977 words).
    std::vector<memory_map::WordRange> needed;
    for (int slot = 1; slot <= area_.slots(); ++slot)
        needed.push_back({area_.slot_address(slot), area_.map().span()});
    reads_ = memory_map::plan_reads(needed);
}

asio::awaitable<SyncOutcome> PlcSync::run_once(store::TimePoint now) {
    SyncOutcome outcome = co_await cycle(now);
    last_outcome_ = outcome;
    co_return outcome;
}

// Awaited callables and arguments are named locals (GCC 12 coroutine temporaries, see DESIGN.md).
asio::awaitable<SyncOutcome> PlcSync::cycle(store::TimePoint now) {
    SyncOutcome outcome;
    // 1. One read of the whole area (the planner merged the slots: 977 words, one 0101).
    auto words = co_await read_area(now, outcome);
    if (!words) co_return outcome;

    // 2. Decode, load the active batches, plan.
    std::vector<memory_map::BatchSlot> slots;
    for (const auto& record : area_.decode_all(*words))
        slots.push_back(memory_map::to_batch_slot(record));
    auto load = [](store::Repository& r) { return r.active_batches(); };
    auto active = co_await db_.run(std::move(load));
    if (!active) {
        outcome.error = active.error();
        store_outage_.failing("PLC read not stored: " + active.error().message());
        co_return outcome;
    }
    SyncPlan plan = plan_plc_sync(*active, slots, settings_, now);
    outcome.matched = plan.matched;

    // 3. Store the read's changes (one transaction), acknowledge what finished, then each failure
    //    edge with its job.
    if (!co_await store_changes(*active, plan, outcome)) co_return outcome;
    for (const auto& line : plan.log)
        log_.log(line.level, line.message);
    co_await acknowledge_finished(plan.acknowledge, outcome);
    co_await record_failure_edges(plan.failures, now, outcome);
    co_await settle_unclaimed(std::move(plan.unclaimed), outcome);

    // 4. Problems, once per episode.
    report_problems(plan.problems);
    outcome.problems = static_cast<int>(plan.problems.size());
    co_return outcome;
}

asio::awaitable<std::optional<std::vector<std::uint16_t>>> PlcSync::read_area(store::TimePoint now,
                                                                              SyncOutcome& outcome) {
    std::vector<std::uint16_t> words(area_.total_words(), 0);
    for (const auto& r : reads_) {
        const fins::MemoryAddress at{fins::Area::dm, r.first};
        std::span<std::uint16_t> part =
            std::span<std::uint16_t>(words).subspan(r.first - area_.slot_address(1), r.count);
        auto read = co_await plc_.read_into(at, part);
        ++outcome.fins_reads;
        if (!read) {
            ++failed_cycles_;
            if (!plc_down_) {
                log_.log(LogLevel::error, fmt::format("PLC read failed, no batch is touched until the PLC answers: {}",
                                                      read.error().message()));
            }
            plc_down_ = true;
            outcome.error = read.error();
            link_.failed(now, read.error().message());
            co_return std::nullopt;
        }
    }
    outcome.plc_ok = true;
    link_.answered(now);
    if (plc_down_) {
        log_.log(LogLevel::info, fmt::format("PLC answers again after {} failed read cycle(s)", failed_cycles_));
        plc_down_ = false;
        failed_cycles_ = 0;
    }
    co_return words;
}

asio::awaitable<bool> PlcSync::store_changes(const std::vector<store::Batch>& active, SyncPlan& plan,
                                             SyncOutcome& outcome) {
    auto store_updates = [updates = plan.updates](store::Repository& r) { return r.store_plc_updates(updates); };
    auto stored = co_await db_.run(std::move(store_updates));
    if (!stored) {
        outcome.error = stored.error();
        store_outage_.failing("PLC read not stored (the next cycle reads again): " + stored.error().message());
        co_return false;
    }
    store_outage_.recovered("PLC reads are stored again");
    // A batch archived between the read and the store (a cancel or a report finished meanwhile) is
    // an expected race: nothing of it is stored, nothing is done for it this cycle.
    for (const std::int64_t gone : *stored) {
        auto slot = std::find_if(active.begin(), active.end(), [&](const store::Batch& b) { return b.id == gone; });
        const int batch_no = slot != active.end() ? slot->batch_no : 0;
        log_.log(LogLevel::debug, fmt::format("batch #{} (id {}) was archived while the PLC was read; its read is "
                                              "dropped",
                                              batch_no, gone));
        std::erase(plan.acknowledge, batch_no);
        std::erase_if(plan.failures, [&](const FailureEdgeToRecord& f) { return f.batch_id == gone; });
    }
    co_return true;
}

asio::awaitable<void> PlcSync::acknowledge_finished(std::vector<int> slots, SyncOutcome& outcome) {
    // An absolute write, repeated each cycle until the PLC shows it, so a lost write is only a delay.
    const auto* ack_field = area_.map().find("status_read_data");
    if (ack_field == nullptr) co_return;
    const std::vector<std::uint16_t> one{1};
    for (const int slot : slots) {
        const fins::MemoryAddress at{fins::Area::dm, area_.field_address(slot, *ack_field)};
        auto acked = co_await plc_.write(at, one);
        ++outcome.fins_writes;
        if (acked) {
            ++outcome.finished_acknowledged;
            continue;
        }
        log_.log(LogLevel::warning, fmt::format("finished batch #{} stored but not yet acknowledged to the PLC "
                                                "(retried next cycle): {}",
                                                slot, acked.error().message()));
    }
}

asio::awaitable<void> PlcSync::record_failure_edges(std::vector<FailureEdgeToRecord> failures, store::TimePoint now,
                                                    SyncOutcome& outcome) {
    for (const FailureEdgeToRecord& f : failures) {
        auto record = [f, now](store::Repository& r) { return r.record_failure(f.batch_id, now); };
        auto edge = co_await db_.run(std::move(record));
        if (!edge) {
            // Not lost: the stored flag is still 0, so the next read sees the edge again.
            log_.log(LogLevel::error, batch::exception_during_auto_cancel(f.batch_no, f.mo_id, edge.error().message()));
            continue;
        }
        if (edge->created) {
            ++outcome.failures_recorded;
            log_.log(LogLevel::warning, batch::failure_detected(f.batch_no, f.mo_id));
        }
    }
}

void PlcSync::report_problems(const std::vector<SlotProblem>& problems) {
    std::set<std::string> current;
    for (const SlotProblem& p : problems) {
        const std::string key = fmt::format("{}|{}", p.batch_id, p.what);
        current.insert(key);
        if (!reported_.contains(key)) {
            ++problems_reported_;
            log_.log(LogLevel::warning,
                     fmt::format("batch #{} (MO: {}) not updated from the PLC: {}", p.slot, p.mo_id, p.what));
        }
    }
    reported_ = std::move(current);
}

asio::awaitable<void> PlcSync::settle_unclaimed(std::vector<UnclaimedSlot> unclaimed, SyncOutcome& outcome) {
    std::vector<std::string> ids;
    for (const auto& u : unclaimed)
        ids.push_back(u.mo_id);
    auto check = [ids](store::Repository& r) -> Result<std::vector<bool>> {
        std::vector<bool> archived;
        for (const auto& id : ids) {
            auto in = r.mo_in_history(id);
            if (!in) return std::move(in).error();
            archived.push_back(*in);
        }
        return archived;
    };
    auto archived = co_await db_.run(std::move(check));
    if (!archived) co_return;  // the next cycle asks again; the store check reports the database
    std::set<std::string> seen;
    std::vector<std::string> foreign;
    const memory_map::FieldSpec* ack_field = area_.map().find("status_read_data");
    for (std::size_t i = 0; i < unclaimed.size(); ++i) {
        const UnclaimedSlot& u = unclaimed[i];
        const std::string key = fmt::format("{}|{}", u.slot, u.mo_id);
        seen.insert(key);
        const bool first = !unclaimed_seen_.contains(key);
        if (!(*archived)[i]) {
            foreign.push_back(
                fmt::format("PLC slot {} holds MO {}, which is neither an active batch nor archived: "
                            "compare the PLC (plcbridge plc slots) with /api/batches",
                            u.slot, u.mo_id));
            if (first) log_.log(LogLevel::warning, foreign.back());
            continue;
        }
        if (!u.finished || u.read_acknowledged || ack_field == nullptr) continue;
        const std::vector<std::uint16_t> one{1};
        const fins::MemoryAddress at{fins::Area::dm, area_.field_address(u.slot, *ack_field)};
        auto acked = co_await plc_.write(at, one);
        ++outcome.fins_writes;
        if (acked) {
            log_.log(LogLevel::info, fmt::format("PLC slot {} finished MO {}, which was archived meanwhile (cancelled "
                                                 "by hand?): acknowledged so that the PLC can go on",
                                                 u.slot, u.mo_id));
        }
    }
    unclaimed_seen_ = std::move(seen);
    foreign_texts_ = std::move(foreign);
}

}  // namespace plcbridge::tasks
