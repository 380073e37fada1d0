#include "plcbridge/tasks/equipment_failure_monitor.hpp"

#include "plcbridge/odoo/outcome.hpp"

#include <fmt/format.h>

#include "plcbridge/memory_map/failure_event.hpp"
#include "plcbridge/odoo/errc.hpp"
#include "plcbridge/odoo/json_rpc.hpp"

namespace plcbridge::tasks {

namespace asio = boost::asio;
using store::JobState;

namespace {

/// The event's time in UTC: the PLC's clock shows the plant's local time, Odoo stores naive UTC.
std::optional<std::chrono::sys_seconds> to_utc(const memory_map::FailureEvent& e, const TimeZone& zone) {
    using namespace std::chrono;
    const year_month_day ymd{year{e.year}, month{static_cast<unsigned>(e.month)}, day{static_cast<unsigned>(e.day)}};
    if (!ymd.ok() || e.hour > 23 || e.minute > 59 || e.second > 59) return std::nullopt;
    return zone.to_utc(local_days{ymd} + hours{e.hour} + minutes{e.minute} + seconds{e.second});
}

/// "2026-03-04 10:26:55": the form Odoo's equipment-failure endpoint takes.
std::string odoo_date(std::chrono::sys_seconds t) {
    const auto day = std::chrono::floor<std::chrono::days>(t);
    const std::chrono::year_month_day ymd{day};
    const std::chrono::hh_mm_ss hms{t - day};
    return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02}", static_cast<int>(ymd.year()),
                       static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), hms.hours().count(),
                       hms.minutes().count(), hms.seconds().count());
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
    const auto occurred = to_utc(e, settings_.plant_zone);
    if (!occurred) {
        log_.log(LogLevel::warning, fmt::format("equipment failure {} {} has an impossible date {}; not acknowledged",
                                                e.equipment_code, e.info, e.timestamp()));
        co_return false;
    }

    // 1. Store (with the report job), 2. acknowledge, 3. report (report_once).
    const store::EquipmentFailure failure{e.equipment_code, e.info, *occurred};
    const std::string date = odoo_date(*occurred);
    const std::string payload = odoo::failure_report_json({e.equipment_code, e.info, date});
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
    log_.log(LogLevel::warning,
             fmt::format("Equipment failure from the PLC: {} {} at {} {} ({} UTC; stored, reporting to Odoo)",
                         e.equipment_code, e.info, e.timestamp(), settings_.plant_zone.name(), date));
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
    const store::JobOutcome outcome = co_await report(job, now);
    co_await record(job.id, outcome, now);
    co_return 1;
}

asio::awaitable<store::JobOutcome> EquipmentFailureMonitor::report(store::Job job, store::TimePoint now) {
    auto request = odoo::failure_report_from_json(job.payload);
    if (!request) co_return store::JobOutcome{JobState::needs_attention, request.error().detail, {}};
    const std::string code = request->equipment_code;
    const std::string description = request->description;
    const std::string date = request->date;
    // Tried before: the answer may have been lost after Odoo created the record. Look first.
    if (job.attempts > 0) {
        auto found = co_await odoo_.find_equipment_failure(code, description, date);
        if (!found) co_return retry_later(job, code, found.error(), now);
        if (found->has_value()) {
            log_.log(LogLevel::info, fmt::format("✓ Equipment failure {} {} was already in Odoo (record {}): the "
                                                 "earlier report arrived although its answer was lost",
                                                 code, description, **found));
            co_return store::JobOutcome{JobState::done, "", {}};
        }
    }
    auto reported = co_await odoo_.report_equipment_failure(code, description, date);
    if (reported) {
        log_.log(LogLevel::info, fmt::format("✓ Equipment failure {} {} reported to Odoo", code, description));
        co_return store::JobOutcome{JobState::done, "", {}};
    }
    if (odoo::verdict_of(reported.error(), job.attempts, settings_.odoo_retry) != odoo::Verdict::retry) {
        log_.log(LogLevel::error, fmt::format("✗ Odoo refused the equipment failure {} {}: {}", code, description,
                                              odoo::odoo_text(reported.error())));
        co_return store::JobOutcome{JobState::needs_attention, odoo::odoo_text(reported.error()), {}};
    }
    co_return retry_later(job, code, reported.error(), now);
}

store::JobOutcome EquipmentFailureMonitor::retry_later(const store::Job& job, const std::string& code,
                                                       const Error& error, store::TimePoint now) {
    const auto wait = batch::backoff_after(job.attempts + 1, settings_.backoff);
    log_.log(LogLevel::error, fmt::format("✗ Equipment failure {} not reported to Odoo yet: {}; retried in {} s", code,
                                          error.message(), wait.count() / 1000));
    return {JobState::pending, error.message(), now + wait};
}

asio::awaitable<void> EquipmentFailureMonitor::record(std::int64_t job_id, store::JobOutcome outcome,
                                                      store::TimePoint now) {
    const std::string worker = settings_.worker;
    auto op = [=](store::Repository& r) { return r.record_attempt(job_id, worker, outcome, now); };
    auto recorded = co_await db_.run(std::move(op));
    if (!recorded) {
        log_.log(LogLevel::error, fmt::format("equipment failure job {}: cannot record the outcome ({}); the lease "
                                              "expires and the report is looked up in Odoo before it is sent again",
                                              job_id, recorded.error().message()));
    }
}

}  // namespace plcbridge::tasks
