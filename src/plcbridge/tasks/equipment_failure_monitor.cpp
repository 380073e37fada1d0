#include "plcbridge/tasks/equipment_failure_monitor.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "plcbridge/memory_map/failure_event.hpp"
#include "plcbridge/odoo/errc.hpp"

namespace plcbridge::tasks {

namespace asio = boost::asio;
using store::JobState;

namespace {

std::optional<store::TimePoint> to_time(const memory_map::FailureEvent& e) {
    using namespace std::chrono;
    const year_month_day ymd{year{e.year}, month{static_cast<unsigned>(e.month)}, day{static_cast<unsigned>(e.day)}};
    if (!ymd.ok()) return std::nullopt;
    // The PLC's clock is the plant's local time; it is stored as given (the event's identity).
    return sys_days{ymd} + hours{e.hour} + minutes{e.minute} + seconds{e.second};
}

}  // namespace

// Awaited callables and arguments are named locals (GCC 12 coroutine temporaries, see DESIGN.md).
asio::awaitable<bool> EquipmentFailureMonitor::read_once(store::TimePoint now) {
    const fins::MemoryAddress start{fins::Area::dm, area_.slot_address(1)};
    auto words = co_await plc_.read(start, area_.map().span());
    if (!words) co_return false;  // Task 2 reports PLC outages
    const memory_map::FailureAreaReading reading = memory_map::to_failure_event(area_.decode_slot(1, *words));
    if (!reading.problem.empty()) {
        if (reading.problem != reported_problem_) log_.log(LogLevel::warning, reading.problem + "; not acknowledged");
        reported_problem_ = reading.problem;
        co_return false;
    }
    reported_problem_.clear();
    if (!reading.event || reading.event->acknowledged) co_return false;
    const memory_map::FailureEvent& e = *reading.event;
    const auto occurred = to_time(e);
    if (!occurred) {
        log_.log(LogLevel::warning, fmt::format("equipment failure {} {} has an impossible date {}; not acknowledged",
                                                e.equipment_code, e.info, e.timestamp()));
        co_return false;
    }

    // 1. Store (with the report job), 2. acknowledge, 3. report (report_once).
    const store::EquipmentFailure failure{e.equipment_code, e.info, *occurred};
    const std::string payload =
        nlohmann::json{{"equipment_code", e.equipment_code}, {"description", e.info}, {"date", e.timestamp()}}.dump();
    auto store_it = [failure, now, payload](store::Repository& r) {
        return r.record_equipment_failure(failure, now, payload);
    };
    auto stored = co_await db_.run(std::move(store_it));
    if (!stored) {
        log_.log(LogLevel::error, fmt::format("equipment failure {} {} not stored ({}); not acknowledged, read again "
                                              "next cycle",
                                              e.equipment_code, e.info, stored.error().message()));
        co_return false;
    }
    const auto* ack_field = area_.map().find("status_read_data");
    const fins::MemoryAddress ack_at{fins::Area::dm, area_.field_address(1, *ack_field)};
    const std::vector<std::uint16_t> one{1};
    auto acked = co_await plc_.write(ack_at, one);
    if (!acked) {
        log_.log(LogLevel::warning, fmt::format("equipment failure {} stored but not acknowledged to the PLC: {}",
                                                e.equipment_code, acked.error().message()));
    }
    if (!stored->has_value()) co_return false;  // the same event, seen again before the ack
    log_.log(LogLevel::warning, fmt::format("Equipment failure from the PLC: {} {} at {} (stored; reporting to Odoo)",
                                            e.equipment_code, e.info, e.timestamp()));
    co_return true;
}

asio::awaitable<int> EquipmentFailureMonitor::report_once(store::TimePoint now) {
    const auto settings = settings_;
    auto claim = [&](store::Repository& r) {
        return r.claim_due_jobs(settings.worker, now, settings.lease, 1, store::JobKind::equipment_failure);
    };
    auto jobs = co_await db_.run(std::move(claim));
    if (!jobs || jobs->empty()) co_return 0;
    const store::Job job = jobs->front();
    const nlohmann::json request = nlohmann::json::parse(job.payload, nullptr, false);
    store::JobOutcome outcome{JobState::done, "", {}};
    if (request.is_discarded() || !request.is_object()) {
        outcome = {JobState::needs_attention, "the stored report is not readable: " + job.payload, {}};
    } else {
        const std::string code = request.value("equipment_code", "");
        const std::string description = request.value("description", "");
        const std::string date = request.value("date", "");
        auto reported = co_await odoo_.report_equipment_failure(code, description, date);
        if (reported) {
            log_.log(LogLevel::info, fmt::format("✓ Equipment failure {} {} reported to Odoo", code, description));
        } else if (reported.error().code == odoo::Errc::refused || reported.error().code == odoo::Errc::not_found) {
            outcome = {JobState::needs_attention, reported.error().detail, {}};
            log_.log(LogLevel::error, fmt::format("✗ Odoo refused the equipment failure {} {}: {}", code, description,
                                                  reported.error().detail));
        } else {
            const auto wait = batch::backoff_after(job.attempts + 1, settings_.backoff);
            outcome = {JobState::pending, reported.error().message(), now + wait};
            log_.log(LogLevel::error,
                     fmt::format("✗ Equipment failure {} not reported to Odoo yet: {}; retried in {} s", code,
                                 reported.error().message(), wait.count() / 1000));
        }
    }
    const std::int64_t id = job.id;
    const std::string worker = settings_.worker;
    auto record = [=](store::Repository& r) { return r.record_attempt(id, worker, outcome, now); };
    (void)co_await db_.run(std::move(record));
    co_return 1;
}

}  // namespace plcbridge::tasks
