#include "plcbridge/tasks/mo_sync.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "plcbridge/memory_map/batch_slot.hpp"

namespace plcbridge::tasks {

namespace asio = boost::asio;
using memory_map::Decimal;

MoSync::MoSync(plc::PlcClient& plc, store::DbWorker& db, odoo::OdooClient& odoo, const memory_map::SlotArea& write_area,
               Logger& log, MoSyncSettings settings)
    : plc_(plc), db_(db), odoo_(odoo), area_(write_area), log_(log), settings_(std::move(settings)) {
    if (const auto* field = area_.map().find("status_read_data"))
        handshake_offset_ = static_cast<std::uint16_t>(field->address - area_.map().fields().front().address);
}

// Awaited callables and arguments are named locals (GCC 12 coroutine temporaries, see DESIGN.md).
asio::awaitable<MoSyncOutcome> MoSync::run_once(store::TimePoint now) {
    MoSyncOutcome outcome;

    // 1. Only when no queue is active: the PLC works through one queue at a time.
    auto load = [](store::Repository& r) { return r.active_batches(); };
    auto active = co_await db_.run(std::move(load));
    if (!active) {
        outcome.error = "database: " + active.error().message();
        co_return outcome;
    }
    if (!active->empty()) {
        outcome.waiting = fmt::format("a queue is active ({} batch(es) in mo_batch)", active->size());
        co_return outcome;
    }

    // 2. The PLC ready for a new queue: the handshake word 1, or the whole WRITE area clean.
    std::vector<std::uint16_t> words(area_.total_words(), 0);
    const fins::MemoryAddress start{fins::Area::dm, area_.slot_address(1)};
    auto read = co_await plc_.read_into(start, words);
    if (!read) {
        outcome.error = "PLC: " + read.error().message();
        co_return outcome;
    }
    const bool clean = std::all_of(words.begin(), words.end(), [](std::uint16_t w) { return w == 0; });
    if (words.at(handshake_offset_) == 0 && !clean) {
        // The PLC runs a queue while mo_batch is empty: either every batch of it is archived already
        // (nothing to do but wait), or the service stopped between releasing it and storing it.
        auto adopted = co_await adopt_running_queue(words, now, outcome);
        if (!adopted) co_return outcome;
    }
    if (words.at(handshake_offset_) != 1 && !clean) {
        outcome.waiting = fmt::format("the PLC is not ready for a new queue (D{} = {})",
                                      area_.slot_address(1) + handshake_offset_, words.at(handshake_offset_));
        co_return outcome;
    }

    // 3. Confirmed MOs (the state sent explicitly), minus any MO already archived.
    std::vector<std::string> states{"confirmed"};
    auto mos = co_await odoo_.list_mos(std::move(states), settings_.fetch_limit, 0);
    if (!mos) {
        outcome.error = "Odoo: " + mos.error().message();
        co_return outcome;
    }
    if (mos->empty()) {
        outcome.waiting = "no confirmed MOs in Odoo";
        co_return outcome;
    }
    std::vector<std::string> ids;
    for (const auto& mo : *mos)
        ids.push_back(mo.mo_id);
    auto archived_check = [ids](store::Repository& r) -> Result<std::set<std::string>> {
        std::set<std::string> out;
        for (const auto& id : ids) {
            auto in = r.mo_in_history(id);
            if (!in) return std::move(in).error();
            if (*in) out.insert(id);
        }
        return out;
    };
    auto archived = co_await db_.run(std::move(archived_check));
    if (!archived) {
        outcome.error = "database: " + archived.error().message();
        co_return outcome;
    }
    QueuePlan plan = plan_queue(*mos, *archived, area_.slots(), area_.map().equipment_codes(), settings_.aliases);

    // 4. Every slot encoded before anything is written; an MO whose values do not fit stays out.
    std::vector<QueueEntry> entries;
    std::vector<std::vector<std::uint16_t>> slot_words;
    for (QueueEntry& e : plan.entries) {
        e.slot = static_cast<int>(entries.size()) + 1;
        e.batch.batch_no = e.slot;
        e.recipe.batch_no = e.slot;
        auto encoded = memory_map::encode_recipe(area_, e.slot, e.recipe);
        if (!encoded) {
            log_.log(LogLevel::error,
                     fmt::format("MO {} not queued: {}; fix the MO in Odoo", e.batch.mo_id, encoded.error().message()));
            continue;
        }
        slot_words.push_back(std::move(*encoded));
        entries.push_back(std::move(e));
    }
    if (entries.empty()) {
        outcome.waiting = "no confirmed MO to queue (all active, archived or unusable)";
        co_return outcome;
    }

    // 5. Write, release, then store.
    const bool written = co_await write_queue(entries, std::move(slot_words), outcome);
    if (!written) co_return outcome;
    std::vector<store::NewBatch> queue;
    for (const auto& e : entries)
        queue.push_back(e.batch);
    auto store_queue = [queue, now](store::Repository& r) { return r.insert_queue(queue, now); };
    auto stored = co_await db_.run(std::move(store_queue));
    if (!stored) {
        outcome.error = "database: " + stored.error().message();
        log_.log(LogLevel::error,
                 fmt::format("the PLC holds a queue of {} batch(es) that could not be stored: {}; check the database "
                             "and compare the PLC WRITE area (plcbridge plc slots --area write)",
                             entries.size(), stored.error().message()));
        co_return outcome;
    }
    outcome.queued = static_cast<int>(entries.size());
    for (const auto& e : entries) {
        log_.log(LogLevel::info, fmt::format("Queued batch #{} (MO: {}) to the PLC: {} kg of {}, {} equipment line(s)",
                                             e.slot, e.batch.mo_id, e.batch.quantity.to_string(),
                                             e.batch.finished_goods, e.batch.lines.size()));
        for (const auto& remark : e.remarks)
            log_.log(LogLevel::warning, fmt::format("batch #{} (MO: {}): {}", e.slot, e.batch.mo_id, remark));
    }
    log_.log(LogLevel::info,
             fmt::format("Queue of {} batch(es) written to the PLC in {} FINS write(s) and released "
                         "(D{} = 0)",
                         outcome.queued, outcome.fins_writes, area_.slot_address(1) + handshake_offset_));
    co_return outcome;
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
        outcome.error = "database: " + adopted.error().message();
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

asio::awaitable<bool> MoSync::write_queue(std::vector<QueueEntry> entries,
                                          std::vector<std::vector<std::uint16_t>> words, MoSyncOutcome& outcome) {
    const std::uint16_t handshake = static_cast<std::uint16_t>(area_.slot_address(1) + handshake_offset_);
    auto fail = [&](int slot, const Error& e) {
        outcome.error = fmt::format("PLC write of slot {} failed: {}", slot, e.message());
        log_.log(LogLevel::error, fmt::format("queue not released (D{} stays 1), nothing stored: {}; the next cycle "
                                              "writes the whole queue again",
                                              handshake, outcome.error));
        return false;
    };
    for (std::size_t i = 0; i < entries.size(); ++i) {
        std::vector<std::uint16_t>& slot_words = words[i];
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
