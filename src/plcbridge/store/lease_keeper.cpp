#include "plcbridge/store/lease_keeper.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "plcbridge/store/errc.hpp"

namespace plcbridge::store {

using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

LeaseTiming lease_timing(milliseconds takeover) noexcept {
    // The standby polls ten times per take-over time, so the lease may last what is left: a dead
    // leader's lease ends and a standby's next try comes within `takeover`. The leader renews four
    // times per lease, so one or two slow renewals do not cost it the line.
    LeaseTiming t;
    t.takeover = takeover;
    t.poll = std::max(milliseconds(50), takeover / 10);
    t.lease = std::max(milliseconds(100), takeover - 2 * t.poll);
    t.renew = std::max(milliseconds(25), t.lease / 4);
    return t;
}

LeaseKeeper::LeaseKeeper(DatabaseUrl url, InstanceIdentity me, LeaseTiming timing, Leadership& leadership, Logger& log)
    : url_(std::move(url)), me_(std::move(me)), timing_(timing), leadership_(leadership), log_(log) {
    view_.me = me_;
}

LeaseKeeper::~LeaseKeeper() {
    stop();
}

void LeaseKeeper::start() {
    if (thread_.joinable()) return;
    // The first round before the tasks start: an instance that finds the line free drives it from
    // its first scheduled run (bounded by the connect and statement timeouts).
    const auto started = Clock::now();
    const milliseconds wait = round();
    thread_ = std::thread([this, next = started + wait] { loop(next); });
}

void LeaseKeeper::stop() {
    {
        std::lock_guard lock(mutex_);
        if (stopping_) return;
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
    const std::int64_t held = held_epoch_;
    leadership_.step_down();
    if (!connection_) return;
    if (held != 0) {
        if (auto released = release_lease(*connection_, me_, held); released) {
            log_.log(
                LogLevel::info,
                fmt::format("line {}: lease (epoch {}) ended at stop; a standby takes the line over", me_.line, held));
        }
    }
    (void)forget_instance(*connection_, me_);
}

LeadershipView LeaseKeeper::view() const {
    std::lock_guard lock(mutex_);
    LeadershipView v = view_;
    v.leading = leadership_.leading();
    v.epoch = v.leading ? leadership_.epoch() : 0;
    return v;
}

void LeaseKeeper::loop(Clock::time_point next) {
    for (;;) {
        {
            std::unique_lock lock(mutex_);
            if (wake_.wait_until(lock, next, [this] { return stopping_; })) return;
        }
        const auto started = Clock::now();
        next = started + round();
    }
}

milliseconds LeaseKeeper::round() {
    if (!connection_) {
        auto opened = open_connection(url_);
        if (!opened) {
            note_error(opened.error());
            if (held_epoch_ != 0) session_lost(opened.error());
            return timing_.poll;
        }
        connection_ = std::move(*opened);
    }
    if (handover_epoch_ != 0) {
        if (auto released = release_lease(*connection_, me_, handover_epoch_); !released) {
            note_error(released.error());
            if (released.error().code == Errc::unavailable) connection_.reset();
            return timing_.poll;
        }
        // Alone on the line (no other instance seen lately): nobody else can take it, compete now.
        auto seen = read_leadership(*connection_, me_.line, 3 * timing_.takeover);
        const bool alone = seen && std::all_of(seen->instances.begin(), seen->instances.end(),
                                               [this](const InstanceSeen& i) { return i.instance == me_.name; });
        if (alone) compete_after_ = Clock::now();
        log_.log(LogLevel::info,
                 alone ? fmt::format("line {}: lease (epoch {}) ended; no other instance is seen, this one competes "
                                     "for the line again at once",
                                     me_.line, handover_epoch_)
                       : fmt::format("line {}: lease (epoch {}) ended; this instance competes for the line again in "
                                     "{} ms, a standby may take it first",
                                     me_.line, handover_epoch_, timing_.takeover.count()));
        handover_epoch_ = 0;
    }
    if (held_epoch_ != 0) {
        lead_round();
    } else if (Clock::now() >= compete_after_) {
        standby_round();
    }
    if (connection_) {
        if (auto noted = note_instance(*connection_, me_); !noted) note_error(noted.error());
    }
    if (connection_) publish();
    return held_epoch_ != 0 ? timing_.renew : timing_.poll;
}

void LeaseKeeper::lead_round() {
    const auto sent = Clock::now();
    auto renewed = renew_lease(*connection_, me_, held_epoch_, timing_.lease);
    if (!renewed) {
        if (renewed.error().code == Errc::unavailable) {
            session_lost(renewed.error());
            return;
        }
        note_error(renewed.error());
        if (!leadership_.leading())
            step_down("the database did not confirm the lease in time: " + renewed.error().message());
        return;
    }
    if (!*renewed) {
        step_down("another instance holds the line's lease now");
        return;
    }
    leadership_.lead(held_epoch_, sent + timing_.lease);
}

void LeaseKeeper::standby_round() {
    const auto sent = Clock::now();
    auto taken = take_lease(*connection_, me_, timing_.lease);
    if (!taken) {
        note_error(taken.error());
        if (taken.error().code == Errc::unavailable) connection_.reset();
        return;
    }
    if (!taken->has_value()) return;  // another instance holds a valid lease: stay standby
    held_epoch_ = **taken;
    leadership_.lead(held_epoch_, sent + timing_.lease);
    last_standby_for_.clear();
    log_.log(LogLevel::info,
             fmt::format("line {}: this instance ({}) drives the line now (lease epoch {}, renewed "
                         "every {} ms, lasts {} ms)",
                         me_.line, me_.name, held_epoch_, timing_.renew.count(), timing_.lease.count()));
}

void LeaseKeeper::session_lost(const Error& e) {
    connection_.reset();
    if (held_epoch_ == 0) return;
    handover_epoch_ = held_epoch_;
    held_epoch_ = 0;
    leadership_.step_down();
    compete_after_ = Clock::now() + timing_.takeover;
    log_.log(LogLevel::warning,
             fmt::format("line {}: lost the database session that holds the line's lease ({}); this instance "
                         "stopped driving the line (no PLC exchange, no database write) and hands it to a standby",
                         me_.line, e.message()));
}

void LeaseKeeper::step_down(const std::string& why) {
    const std::int64_t epoch = held_epoch_;
    held_epoch_ = 0;
    leadership_.step_down();
    log_.log(LogLevel::warning, fmt::format("line {}: this instance stopped driving the line (epoch {}): {}; no PLC "
                                            "exchange or database write until it leads again",
                                            me_.line, epoch, why));
}

void LeaseKeeper::note_error(const Error& e) {
    const std::string text = e.message();
    {
        std::lock_guard lock(mutex_);
        view_.last_error = text;
    }
    if (text == last_logged_error_) return;  // one line per outage, not one per round
    last_logged_error_ = text;
    log_.log(LogLevel::error, fmt::format("line {}: lease: {}", me_.line, text));
}

void LeaseKeeper::publish() {
    auto read = read_leadership(*connection_, me_.line, 3 * timing_.takeover);
    if (!read) {
        note_error(read.error());
        if (read.error().code == Errc::unavailable) connection_.reset();
        return;
    }
    if (!last_logged_error_.empty()) {
        last_logged_error_.clear();
        log_.log(LogLevel::info, fmt::format("line {}: lease: the database answers again", me_.line));
    }
    if (held_epoch_ == 0 && read->leader && read->leader->instance != me_.name &&
        read->leader->instance != last_standby_for_) {
        last_standby_for_ = read->leader->instance;
        log_.log(LogLevel::info, fmt::format("line {}: standby; {} drives the line (lease epoch {})", me_.line,
                                             read->leader->instance, read->leader->epoch));
    }
    std::lock_guard lock(mutex_);
    view_.database = std::move(*read);
    view_.last_error.clear();
}

}  // namespace plcbridge::store
