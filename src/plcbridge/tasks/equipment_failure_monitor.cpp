#include "plcbridge/tasks/equipment_failure_monitor.hpp"

#include <fmt/format.h>

#include "plcbridge/batch/failure_report.hpp"
#include "plcbridge/memory_map/failure_event.hpp"
#include "plcbridge/odoo/errc.hpp"
#include "plcbridge/odoo/json_rpc.hpp"
#include "plcbridge/odoo/outcome.hpp"

namespace plcbridge::tasks {

namespace asio = boost::asio;

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
    const auto occurred = to_utc(e, plant_zone_);
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
                         e.equipment_code, e.info, e.timestamp(), plant_zone_.name(), date));
    co_return true;
}

asio::awaitable<batch::JobStep> EquipmentFailureMonitor::call_odoo(store::Job job, std::optional<store::Batch>,
                                                                   store::TimePoint) {
    auto request = odoo::failure_report_from_json(job.payload);
    if (!request) co_return batch::unreadable_failure_request(job.id, request.error().detail);
    const std::string code = request->equipment_code;
    const std::string description = request->description;
    const std::string date = request->date;
    const batch::FailureReportContext context{code, description, job.attempts};
    const auto& settings = runner_.settings();
    // Tried before: the answer may have been lost after Odoo created the record. Look first.
    if (job.attempts > 0) {
        auto found = co_await odoo_.find_equipment_failure(code, description, date);
        const std::optional<std::int64_t> record = found ? *found : std::nullopt;
        const batch::JobStep looked = batch::after_failure_lookup(
            context, odoo::judge(found, job.attempts, settings.odoo_retry), record, settings.backoff);
        if (looked.next != batch::JobNext::go_on) co_return looked;
    }
    auto reported = co_await odoo_.report_equipment_failure(code, description, date);
    co_return batch::after_failure_report(context, odoo::judge(reported, job.attempts, settings.odoo_retry),
                                          settings.backoff);
}

}  // namespace plcbridge::tasks
