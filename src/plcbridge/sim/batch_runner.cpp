#include "plcbridge/sim/batch_runner.hpp"

#include <algorithm>

namespace plcbridge::sim {

namespace {

constexpr std::uint16_t kReadArea = 6000;
constexpr std::uint16_t kWriteArea = 7000;
constexpr std::uint16_t kStride = 100;
constexpr std::uint16_t kSpan = 77;
constexpr std::uint16_t kHandshake = kWriteArea + 76;
// Offsets in a slot (docs/CONTRACT.md "PLC memory layout").
constexpr std::size_t kFirstEquipment = 27;  // id at 27 + 3k, consumption (DINT, high word first) at 28 + 3k
constexpr std::size_t kQuantity = 25;        // DINT, high word first
constexpr std::size_t kFinished = 72;
constexpr std::size_t kFailed = 73;
constexpr std::size_t kWeight = 74;
constexpr std::size_t kAcknowledged = 76;

std::uint16_t slot_at(std::uint16_t area, int slot) {
    return static_cast<std::uint16_t>(area + kStride * (slot - 1));
}

std::int64_t dint(const std::vector<std::uint16_t>& w, std::size_t at) {
    const std::uint32_t raw = (std::uint32_t{w[at]} << 16) | w[at + 1];
    return static_cast<std::int32_t>(raw);
}

void set_dint(std::vector<std::uint16_t>& w, std::size_t at, std::int64_t value) {
    const auto raw = static_cast<std::uint32_t>(static_cast<std::int32_t>(value));
    w[at] = static_cast<std::uint16_t>(raw >> 16);
    w[at + 1] = static_cast<std::uint16_t>(raw & 0xFFFF);
}

}  // namespace

BatchRunner::BatchRunner(SimulatedPlc& plc, BatchRunnerOptions options)
    : plc_(plc), options_(options), slots_(static_cast<std::size_t>(options.slots)) {
    plc_.set_word(fins::Area::dm, kHandshake, 1);  // ready for the first queue
}

std::vector<RunnerEvent> BatchRunner::tick() {
    std::vector<RunnerEvent> events;
    if (!running_) {
        take_queue(events);
        return events;
    }
    step(events);
    return events;
}

void BatchRunner::take_queue(std::vector<RunnerEvent>& events) {
    if (plc_.word(fins::Area::dm, kHandshake) != 0) return;
    bool any = false;
    for (int slot = 1; slot <= options_.slots; ++slot) {
        auto queued = plc_.words(fins::Area::dm, slot_at(kWriteArea, slot), kSpan);
        Slot& s = slots_[static_cast<std::size_t>(slot - 1)];
        s = Slot{};
        if (queued[0] == 0) {
            const std::vector<std::uint16_t> empty(kSpan, 0);
            plc_.set_words(fins::Area::dm, slot_at(kReadArea, slot), empty);
            continue;
        }
        s.active = true;
        any = true;
        for (int k = 0; k < kEquipment; ++k) {
            const std::size_t at = kFirstEquipment + 3 * static_cast<std::size_t>(k) + 1;
            s.target[static_cast<std::size_t>(k)] = dint(queued, at);
            set_dint(queued, at, 0);  // the READ slot reports consumption so far
        }
        queued[kFinished] = 0;
        queued[kFailed] = 0;
        set_dint(queued, kWeight, 0);
        queued[kAcknowledged] = 0;
        plc_.set_words(fins::Area::dm, slot_at(kReadArea, slot), queued);
    }
    if (!any) return;
    running_ = true;
    settle_ = 0;
    events.push_back({RunnerEvent::Kind::queue_taken, 0, 0});
}

void BatchRunner::step(std::vector<RunnerEvent>& events) {
    bool all_done = true;
    for (int slot = 1; slot <= options_.slots; ++slot) {
        Slot& s = slots_[static_cast<std::size_t>(slot - 1)];
        if (!s.active) continue;
        auto w = plc_.words(fins::Area::dm, slot_at(kReadArea, slot), kSpan);
        if (s.failed || w[kFailed] == 1) {
            s.failed = true;
            continue;
        }
        if (w[kFinished] == 1) {
            if (w[kAcknowledged] != 1) all_done = false;
            continue;
        }
        all_done = false;
        std::int64_t total_target = 0;
        std::int64_t total_now = 0;
        for (int k = 0; k < kEquipment; ++k) {
            const std::size_t at = kFirstEquipment + 3 * static_cast<std::size_t>(k) + 1;
            const std::int64_t target = s.target[static_cast<std::size_t>(k)];
            const std::int64_t step = std::max<std::int64_t>(1, target * options_.step_percent / 100);
            const std::int64_t now = std::min(target, dint(w, at) + (target > 0 ? step : 0));
            set_dint(w, at, now);
            total_target += target;
            total_now += now;
        }
        const int percent = total_target > 0 ? static_cast<int>(total_now * 100 / total_target) : 100;
        if (slot == options_.fail_slot && !failed_once_ && percent >= 50) {
            failed_once_ = true;
            s.failed = true;
            w[kFailed] = 1;
            events.push_back({RunnerEvent::Kind::failed, slot, percent});
        } else if (percent >= 100) {
            w[kFinished] = 1;
            // The scale under the mixer weighs what was planned; without a plan, what went in.
            const std::int64_t planned = dint(w, kQuantity);
            set_dint(w, kWeight, planned > 0 ? planned : total_now);
            events.push_back({RunnerEvent::Kind::finished, slot, 100});
        } else {
            events.push_back({RunnerEvent::Kind::progress, slot, percent});
        }
        plc_.set_words(fins::Area::dm, slot_at(kReadArea, slot), w);
    }
    if (!all_done) return;
    if (++settle_ < options_.settle_ticks) return;  // time for the middleware to archive and cancel
    const std::vector<std::uint16_t> empty(kSpan, 0);
    for (int slot = 1; slot <= options_.slots; ++slot) {
        plc_.set_words(fins::Area::dm, slot_at(kReadArea, slot), empty);
        plc_.set_words(fins::Area::dm, slot_at(kWriteArea, slot), empty);
    }
    plc_.set_word(fins::Area::dm, kHandshake, 1);
    running_ = false;
    events.push_back({RunnerEvent::Kind::queue_done, 0, 0});
}

}  // namespace plcbridge::sim
