#include "plcbridge/tasks/mo_sync.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "plcbridge/memory_map/batch_slot.hpp"
#include "plcbridge/odoo/errc.hpp"
#include "plcbridge/odoo/outcome.hpp"

namespace plcbridge::tasks {

namespace asio = boost::asio;
using plcbridge::Decimal;

MoSync::MoSync(plc::PlcClient& plc, store::DbWorker& db, odoo::OdooClient& odoo, const memory_map::SlotArea& write_area,
               Logger& log, MoSyncSettings settings)
    : plc_(plc), db_(db), odoo_(odoo), area_(write_area), log_(log), settings_(std::move(settings)) {
    if (const auto* field = area_.map().find("status_read_data"))
        handshake_offset_ = static_cast<std::uint16_t>(field->address - area_.map().fields().front().address);
}

namespace {

/// The MOs among `ids` that are archived in mo_histories already: never queued again.
Result<std::set<std::string>> archived_among(store::Repository& r, const std::vector<std::string>& ids) {
    std::set<std::string> out;
    for (const auto& id : ids) {
        auto in = r.mo_in_history(id);
        if (!in) return std::move(in).error();
        if (*in) out.insert(id);
    }
    return out;
}

}  // namespace

// Awaited callables and arguments are named locals (GCC 12 coroutine temporaries, see DESIGN.md).
asio::awaitable<MoSyncOutcome> MoSync::run_once(store::TimePoint now) {
    MoSyncOutcome outcome;

    // 1. What Odoo has to do, and what we hold already.
    auto load = [](store::Repository& r) { return r.active_batches(); };
    auto active = co_await db_.run(std::move(load));
    if (!active) co_return failed(std::move(outcome), "database", active.error());
    auto mos = co_await fetch_confirmed();
    if (!mos) co_return failed(std::move(outcome), "Odoo", mos.error());
    std::vector<std::string> ids;
    for (const auto& mo : *mos)
        ids.push_back(mo.mo_id);
    auto known_check = [ids](store::Repository& r) { return archived_among(r, ids); };
    auto known = co_await db_.run(std::move(known_check));
    if (!known) co_return failed(std::move(outcome), "database", known.error());
    note_success("database");
    for (const auto& b : *active)
        known->insert(b.mo_id);
    auto boms = co_await fetch_boms(*mos, *known);
    if (!boms) co_return failed(std::move(outcome), "Odoo", boms.error());
    note_success("Odoo");

    // 2. The plan for every confirmed MO: its problems are known even while a queue runs.
    QueuePlan plan = plan_queue(*mos, *boms, *known, area_, settings_.aliases);
    note_unqueued(*mos, plan, now);

    // 3. Only when no queue is active: the PLC works through one queue at a time.
    if (!active->empty()) {
        outcome.waiting = fmt::format("a queue is active ({} batch(es) in mo_batch)", active->size());
        co_return outcome;
    }

    // 4. The PLC ready for a new queue: the handshake word 1, or the whole WRITE area clean.
    const bool ready = co_await plc_ready(now, outcome);
    if (!ready) co_return outcome;
    if (plan.entries.empty()) {
        outcome.waiting =
            mos->empty() ? "no confirmed MOs in Odoo" : "no confirmed MO to queue (all active, archived or unusable)";
        co_return outcome;
    }

    // 5. Write, release, then store.
    const bool written = co_await write_queue(plan.entries, outcome);
    if (!written) co_return outcome;
    note_success("PLC write");
    co_await store_queue(plan.entries, now, outcome);
    co_return outcome;
}

asio::awaitable<bool> MoSync::plc_ready(store::TimePoint now, MoSyncOutcome& outcome) {
    std::vector<std::uint16_t> words(area_.total_words(), 0);
    const fins::MemoryAddress start{fins::Area::dm, area_.slot_address(1)};
    auto read = co_await plc_.read_into(start, words);
    if (!read) {
        outcome = failed(std::move(outcome), "PLC", read.error());
        co_return false;
    }
    note_success("PLC");
    const bool clean = std::all_of(words.begin(), words.end(), [](std::uint16_t w) { return w == 0; });
    if (words.at(handshake_offset_) == 0 && !clean) {
        // The PLC runs a queue while mo_batch is empty: either every batch of it is archived already
        // (nothing to do but wait), or the service stopped between releasing it and storing it.
        auto adopted = co_await adopt_running_queue(words, now, outcome);
        if (!adopted) co_return false;
    }
    if (words.at(handshake_offset_) != 1 && !clean) {
        outcome.waiting = fmt::format("the PLC is not ready for a new queue (D{} = {})",
                                      area_.slot_address(1) + handshake_offset_, words.at(handshake_offset_));
        co_return false;
    }
    co_return true;
}

asio::awaitable<void> MoSync::store_queue(std::vector<QueueEntry> entries, store::TimePoint now,
                                          MoSyncOutcome& outcome) {
    std::vector<store::NewBatch> queue;
    for (const auto& e : entries)
        queue.push_back(e.batch);
    auto insert = [queue, now](store::Repository& r) { return r.insert_queue(queue, now); };
    auto stored = co_await db_.run(std::move(insert));
    if (!stored) {
        outcome.error = Error{stored.error().code, "database: " + stored.error().detail};
        log_.log(LogLevel::error,
                 fmt::format("the PLC holds a queue of {} batch(es) that could not be stored: {}; check the database "
                             "and compare the PLC WRITE area (plcbridge plc slots --area write)",
                             entries.size(), stored.error().message()));
        co_return;
    }
    outcome.queued = static_cast<int>(entries.size());
    log_queued(entries, outcome);
}

std::vector<UnqueuedMoStatus> MoSync::unqueued() const {
    return unqueued_;
}

asio::awaitable<Result<std::vector<odoo::Mo>>> MoSync::fetch_confirmed() {
    std::vector<odoo::Mo> all;
    const int page_size = std::max(1, settings_.page_size);
    for (int page = 0; page < settings_.max_pages; ++page) {
        std::vector<std::string> states{"confirmed"};
        auto mos = co_await odoo_.list_mos(std::move(states), page_size, page * page_size);
        if (!mos) co_return std::move(mos).error();
        const bool last = static_cast<int>(mos->size()) < page_size;
        for (auto& mo : *mos) {
            if (belongs_to_line(mo, settings_.line_equipment)) {
                all.push_back(std::move(mo));
            } else if (!mo.equipment_code && not_of_any_line_.insert(mo.mo_id).second) {
                // Every line says it: the operator must give the MO its line's equipment in Odoo.
                log_.log(LogLevel::warning,
                         fmt::format("MO {} has no SCADA equipment in Odoo, so no line queues it: set its equipment "
                                     "(a line's mo_equipment code) in Odoo",
                                     mo.mo_id));
            }
        }
        if (last) co_return all;
    }
    if (!failing_.contains("Odoo pages")) {
        failing_["Odoo pages"] = "capped";
        log_.log(LogLevel::warning,
                 fmt::format("Task 1 read {} pages of {} confirmed MOs and stopped ([tasks] mo_sync_max_pages): later "
                             "MOs are not seen until earlier ones are done",
                             settings_.max_pages, page_size));
    }
    co_return all;
}

asio::awaitable<Result<BomLookup>> MoSync::fetch_boms(const std::vector<odoo::Mo>& mos,
                                                      const std::set<std::string>& skip) {
    BomLookup boms;
    for (const odoo::Mo& mo : mos) {
        if (skip.contains(mo.mo_id) || !mo.bom_id || boms.contains(*mo.bom_id)) continue;
        const std::int64_t id = *mo.bom_id;
        auto bom = co_await odoo_.bom(id);
        // Odoo's own answers (not found, the module's error texts) belong to the BoM: its MOs wait,
        // with the reason. Anything else (timeouts, 5xx, login, the route missing) is an outage and
        // nothing is queued on a partial picture.
        if (!bom && !odoo::odoo_answered(bom.error())) co_return std::move(bom).error();
        boms.emplace(id, std::move(bom));
    }
    co_return boms;
}

void MoSync::note_unqueued(const std::vector<odoo::Mo>& confirmed, const QueuePlan& plan, store::TimePoint now) {
    std::vector<UnqueuedMoStatus> next;
    for (const UnqueuedMo& u : plan.unqueued) {
        auto before = std::find_if(unqueued_.begin(), unqueued_.end(),
                                   [&](const UnqueuedMoStatus& s) { return s.mo_id == u.mo_id; });
        if (before != unqueued_.end() && before->reason == u.reason) {
            next.push_back(*before);
            continue;
        }
        log_.log(LogLevel::warning, fmt::format("MO {} cannot be queued: {}; fix it in Odoo (reported once; listed "
                                                "in /api/health until it is queued or no longer confirmed)",
                                                u.mo_id, u.reason));
        next.push_back({u.mo_id, u.reason, now});
    }
    for (const UnqueuedMoStatus& s : unqueued_) {
        const bool still = std::any_of(next.begin(), next.end(), [&](const auto& n) { return n.mo_id == s.mo_id; });
        if (!still)
            log_.log(LogLevel::info, fmt::format("MO {} can be queued again or is no longer confirmed", s.mo_id));
    }
    unqueued_ = std::move(next);
    // Forget reported text changes of MOs Odoo no longer lists, so the memory stays bounded.
    std::erase_if(text_changes_reported_, [&](const std::string& id) {
        return std::none_of(confirmed.begin(), confirmed.end(), [&](const odoo::Mo& m) { return m.mo_id == id; });
    });
}

void MoSync::note_failure(const std::string& what, const std::string& error) {
    auto [it, first] = failing_.try_emplace(what, error);
    if (!first) return;  // once per outage
    log_.log(LogLevel::error,
             fmt::format("Task 1 cannot queue: {} failed: {} (reported once until it answers again)", what, error));
}

void MoSync::note_success(const std::string& what) {
    if (failing_.erase(what) > 0) log_.log(LogLevel::info, fmt::format("Task 1: {} answers again", what));
}

MoSyncOutcome MoSync::failed(MoSyncOutcome outcome, const std::string& what, const Error& error) {
    outcome.error = Error{error.code, what + ": " + error.detail};
    note_failure(what, error.message());
    return outcome;
}

void MoSync::log_queued(const std::vector<QueueEntry>& entries, const MoSyncOutcome& outcome) {
    for (const auto& e : entries) {
        log_.log(LogLevel::info, fmt::format("Queued batch #{} (MO: {}) to the PLC: {} kg of {}, {} equipment line(s)",
                                             e.slot, e.batch.mo_id, e.batch.quantity.to_string(),
                                             e.batch.finished_goods, e.batch.lines.size()));
        for (const auto& remark : e.remarks)
            log_.log(LogLevel::warning, fmt::format("batch #{} (MO: {}): {}", e.slot, e.batch.mo_id, remark));
        if (e.text_changes.empty() || !text_changes_reported_.insert(e.batch.mo_id).second) continue;
        // One WARNING per MO, the first time it goes to the PLC: Odoo's text and what the PLC got.
        std::vector<std::string> changes;
        for (const TextChange& t : e.text_changes)
            changes.push_back(fmt::format("{} '{}' as '{}'", t.field, t.odoo, t.plc));
        log_.log(LogLevel::warning,
                 fmt::format("MO {}: text changed to fit the PLC: {} (the database keeps Odoo's text)", e.batch.mo_id,
                             fmt::join(changes, ", ")));
    }
    log_.log(LogLevel::info,
             fmt::format("Queue of {} batch(es) written to the PLC in {} FINS write(s) and released "
                         "(D{} = 0)",
                         outcome.queued, outcome.fins_writes, area_.slot_address(1) + handshake_offset_));
}

asio::awaitable<bool> MoSync::adopt_running_queue(std::vector<std::uint16_t> words, store::TimePoint now,
                                                  MoSyncOutcome& outcome) {
    std::vector<store::NewBatch> running;
    for (int slot = 1; slot <= area_.slots(); ++slot) {
        const auto offset = static_cast<std::size_t>(area_.slot_address(slot) - area_.slot_address(1));
        const std::span<const std::uint16_t> slot_words(words.data() + offset, area_.map().span());
        const memory_map::BatchSlot s = memory_map::to_batch_slot(area_.decode_slot(slot, slot_words));
        if (!s.clean() || s.mo_id.empty()) continue;
        store::NewBatch b;
        b.batch_no = slot;
        b.mo_id = s.mo_id;
        b.bom = s.bom;
        b.finished_goods = s.finished_goods;
        b.quantity = s.quantity;
        for (const auto& e : s.consumption)
            if (e.amount.raw > 0) b.lines.push_back({e.code, e.amount, Decimal{0, e.amount.scale}});
        running.push_back(std::move(b));
    }
    auto adopt = [running, now](store::Repository& r) -> Result<std::vector<std::string>> {
        std::vector<store::NewBatch> unknown;
        for (const auto& b : running) {
            auto archived = r.mo_in_history(b.mo_id);
            if (!archived) return std::move(archived).error();
            if (!*archived) unknown.push_back(b);
        }
        if (unknown.empty()) return std::vector<std::string>{};
        auto stored = r.insert_queue(unknown, now);
        if (!stored) return std::move(stored).error();
        std::vector<std::string> ids;
        for (const auto& b : unknown)
            ids.push_back(fmt::format("#{} {}", b.batch_no, b.mo_id));
        return ids;
    };
    auto adopted = co_await db_.run(std::move(adopt));
    if (!adopted) {
        outcome = failed(std::move(outcome), "database", adopted.error());
        co_return false;
    }
    if (!adopted->empty()) {
        outcome.adopted = static_cast<int>(adopted->size());
        log_.log(LogLevel::warning,
                 fmt::format("the PLC is running a queue the database did not hold (the service stopped between "
                             "releasing it and storing it): adopted {} batch(es) from the WRITE area: {}",
                             adopted->size(), fmt::join(*adopted, ", ")));
    }
    co_return true;
}

asio::awaitable<bool> MoSync::write_queue(std::vector<QueueEntry> entries, MoSyncOutcome& outcome) {
    const std::uint16_t handshake = static_cast<std::uint16_t>(area_.slot_address(1) + handshake_offset_);
    auto fail = [&](int slot, const Error& e) {
        const std::string what = fmt::format("PLC write of slot {} failed: {}", slot, e.message());
        outcome.error = Error{e.code, fmt::format("PLC write of slot {} failed: {}", slot, e.detail)};
        // Once per outage, like a failed read: the next cycles try again quietly.
        if (failing_.try_emplace("PLC write", what).second) {
            log_.log(LogLevel::error, fmt::format("queue not released (D{} stays 1), nothing stored: {}; the next "
                                                  "cycle writes the whole queue again",
                                                  handshake, what));
        }
        return false;
    };
    for (std::size_t i = 0; i < entries.size(); ++i) {
        std::vector<std::uint16_t>& slot_words = entries[i].words;
        if (entries[i].slot == 1) slot_words.at(handshake_offset_) = 1;  // held until the whole queue is in
        const fins::MemoryAddress at{fins::Area::dm, area_.slot_address(entries[i].slot)};
        auto written = co_await plc_.write(at, slot_words);
        ++outcome.fins_writes;
        if (!written) co_return fail(entries[i].slot, written.error());
    }
    const std::vector<std::uint16_t> cleared(area_.map().span(), 0);
    for (int slot = static_cast<int>(entries.size()) + 1; slot <= area_.slots(); ++slot) {
        std::vector<std::uint16_t> zeros = cleared;
        if (slot == 1) zeros.at(handshake_offset_) = 1;
        const fins::MemoryAddress at{fins::Area::dm, area_.slot_address(slot)};
        auto written = co_await plc_.write(at, zeros);
        ++outcome.fins_writes;
        if (!written) co_return fail(slot, written.error());
    }
    const std::vector<std::uint16_t> release{0};
    const fins::MemoryAddress at{fins::Area::dm, handshake};
    auto released = co_await plc_.write(at, release);
    ++outcome.fins_writes;
    if (!released) co_return fail(1, released.error());
    co_return true;
}

}  // namespace plcbridge::tasks
