// Failover end to end (docs/FAILOVER.md): two real plcbridge processes started from one
// configuration file (only the FINS client node differs) share one real PostgreSQL, the simulated
// PLCs of two lines and one simulated Odoo. The leader is killed (SIGKILL) twenty times — in the middle of a
// queue write, right after Odoo applied a cancel or a report, and at random moments — and its
// database sessions are cut, and it is cut off from PostgreSQL while it keeps running. Every MO
// must end exactly once, every Odoo effect happen once, and each PLC's request log must show that
// no instance talked to it while the other led its line.
#include <algorithm>
#include <array>
#include <csignal>
#include <functional>
#include <iostream>

#include "e2e/service_e2e_fixture.hpp"
#include "plcbridge/store/lease_keeper.hpp"
#include "support/tcp_freeze_proxy.hpp"

namespace plcbridge::e2e {
namespace {

using Clock = std::chrono::steady_clock;

constexpr int kTakeoverMs = 2000;
constexpr int kKills = 20;
constexpr int kNodeA = 11;
constexpr int kNodeB = 12;
/// A datagram sent just before a kill may reach the simulator just after it.
constexpr auto kInFlight = 200ms;
/// The instances' Odoo timeout, short so that the job a killed leader had in hand is free again soon:
/// its lease is this + 30 s (docs/FAILOVER.md "Exactly once across a take-over").
constexpr auto kOdooTimeout = 2000ms;
/// How long a kill waits for its moment: longer than that job lease, since until it ends the new
/// leader may have nothing else to do (the queue waits for that batch's report).
constexpr auto kMomentWait = kOdooTimeout + 30s + 5s;

/// One instance of the pair: its process, its API port and its FINS client node.
struct Instance {
    int node = 0;
    std::unique_ptr<testing::ServiceProcess> process;
    std::uint16_t api = 0;
};

/// When the leader changed: from `at` on, only `node` may talk to the PLC (after kInFlight).
struct Change {
    Clock::time_point at;
    int node;
};

class FailoverE2E : public ServiceE2E {
  protected:
    void SetUp() override {
        ServiceE2E::SetUp();
        if (IsSkipped()) return;
        std::ofstream(dir + "/plcbridge.toml") << config(fmt::format("[failover]\ntakeover_ms = {}\n", kTakeoverMs));
    }
    void TearDown() override {
        odoo.sim.on_applied(nullptr);
        plc.plc.on_write(nullptr);
        a.process.reset();
        b.process.reset();
        ServiceE2E::TearDown();
    }

    /// Starts `who` from the one configuration file; its node comes from the environment.
    void start(Instance& who, const std::string& database_url = "") {
        // A short Odoo timeout: the job a killed leader had in hand waits out its lease (Odoo timeout
        // + 30 s) before the new leader runs it (docs/FAILOVER.md).
        std::vector<std::pair<std::string, std::string>> env{
            {"PLCBRIDGE_PLC_CLIENT_NODE", std::to_string(who.node)},
            {"PLCBRIDGE_ODOO_TIMEOUT_MS", std::to_string(kOdooTimeout.count())}};
        if (!database_url.empty()) env.emplace_back("PLCBRIDGE_DATABASE_URL", database_url);
        who.process = std::make_unique<testing::ServiceProcess>(
            std::vector<std::string>{"run", "--config", dir + "/plcbridge.toml"},
            fmt::format("{}/node{}-run{}", dir, who.node, runs++), env);
        who.api = who.process->api_port();
        ASSERT_NE(who.api, 0);
    }
    /// `who`'s role on `line` ("leader", "standby"), from its health answer.
    static std::string role_of(const Instance& who, int line = 1) {
        auto answer = http_call(who.api, "GET", fmt::format("/api/health?line={}", line), "", "", 2s);
        if (!answer.error.empty()) return "unreachable";
        const auto health = answer.json();
        return health.contains("line") ? health["line"].value("role", std::string("?")) : "?";
    }
    static bool wait_for_role(const Instance& who, const std::string& role, std::chrono::milliseconds within) {
        return wait_for_role(who, role, 1, within);
    }
    static bool wait_for_role(const Instance& who, const std::string& role, int line,
                              std::chrono::milliseconds within) {
        return wait_until([&] { return role_of(who, line) == role; }, within);
    }
    /// Requests from a node that did not lead the line at that moment (after its in-flight grace).
    static std::vector<std::string> requests_from_non_leaders(const sim::SimulatedPlc& line_plc,
                                                              const std::vector<Change>& changes) {
        std::vector<std::string> out;
        for (const sim::RequestRecord& r : line_plc.request_log()) {
            // The leader at r.at is the last change before it; right after a change the old
            // leader's datagrams may still arrive.
            const Change* now = nullptr;
            const Change* before = nullptr;
            for (const Change& c : changes) {
                if (c.at > r.at) break;
                before = now;
                now = &c;
            }
            if (now == nullptr || r.source_node == now->node) continue;
            const bool in_flight = before != nullptr && r.source_node == before->node && r.at - now->at < kInFlight;
            if (!in_flight) {
                out.push_back(fmt::format(
                    "node {} sent command {:04X} {} ms after node {} led the line", r.source_node, r.command,
                    std::chrono::duration_cast<std::chrono::milliseconds>(r.at - now->at).count(), now->node));
            }
        }
        return out;
    }
    /// The hand-over from `before` to `after` did not overlap: `before`'s last PLC request came
    /// before `after`'s first.
    void expect_hand_over_without_overlap(int before, int after) const {
        std::optional<Clock::time_point> last_before;
        std::optional<Clock::time_point> first_after;
        for (const auto& r : plc.plc.request_log()) {
            if (r.source_node == before) last_before = r.at;
            if (r.source_node == after && !first_after) first_after = r.at;
        }
        ASSERT_TRUE(last_before && first_after) << "both nodes talked to the PLC";
        EXPECT_LT(*last_before, *first_after)
            << "node " << before << " still talked to the PLC "
            << std::chrono::duration_cast<std::chrono::milliseconds>(*last_before - *first_after).count()
            << " ms after node " << after << " began";
    }
    int calls_to(const std::string& path, const std::string& mo_id) const {
        int n = 0;
        for (const auto& c : odoo.sim.calls())
            n += c.starts_with(path) && c.find("\"" + mo_id + "\"") != std::string::npos ? 1 : 0;
        return n;
    }

    Instance a{kNodeA, nullptr, 0};
    Instance b{kNodeB, nullptr, 0};
};

/// Runs `clear` when it goes: declared after what the simulators' hooks refer to, it goes before.
struct Unhook {
    explicit Unhook(std::function<void()> on_exit) : clear(std::move(on_exit)) {}
    Unhook(const Unhook&) = delete;
    Unhook& operator=(const Unhook&) = delete;
    ~Unhook() { clear(); }
    std::function<void()> clear;
};

/// What the next kill waits for.
enum class KillAt { odoo_cancel, queue_write, odoo_consumption, odoo_mark_done, random };

std::string_view kill_name(KillAt k) {
    switch (k) {
        case KillAt::odoo_cancel: return "after Odoo applied a cancel, before the archive";
        case KillAt::queue_write: return "in the middle of a queue write";
        case KillAt::odoo_consumption: return "after Odoo applied a consumption report";
        case KillAt::odoo_mark_done: return "after Odoo applied a mark-done, before the archive";
        case KillAt::random: return "at a random moment";
    }
    return "?";
}

std::string percentile(std::vector<std::int64_t> v, double p) {
    std::sort(v.begin(), v.end());
    const auto i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
    return std::to_string(v.at(std::min(i, v.size() - 1)));
}

TEST_P(FailoverE2E, KillNineOfTheLeaderTwentyTimesOnTwoLinesLosesNothingDoublesNothingAndOnlyLeadersTalkToPlcs) {
    // Two lines, each on its own simulated PLC, with enough work, slow enough, that all twenty kills
    // fall on it: line 1 runs six queues of ten (slot 3 fails in the first), line 2 three (slot 5).
    constexpr std::size_t kMos1 = 60;
    constexpr std::size_t kMos2 = 30;
    testing::SimThread plc2;
    odoo.sim.generate(static_cast<int>(kMos1), 1);
    odoo.sim.generate(static_cast<int>(kMos2), 101);
    make_on(*this, 1, static_cast<int>(kMos1), "PLC01");
    make_on(*this, 101, static_cast<int>(kMos2), "PLC02");
    std::ofstream(dir + "/plcbridge.toml")
        << config(fmt::format("[failover]\ntakeover_ms = {}\n{}", kTakeoverMs, two_lines(plc2.port)));
    auto repo2 = testing::open_repository(db_url, 2);
    ASSERT_NE(repo2, nullptr);
    auto archived_on_both = [&] { return every_line_history(*this).size(); };
    start_batch_program(3, 250ms);
    BatchProgram program2(plc2.plc, 5, 250ms);

    // The kill itself happens in the simulators' hooks, at the exact moment: `target` is the pid to
    // kill, armed for one kind of moment.
    std::atomic<pid_t> target{0};
    std::atomic<int> armed{-1};
    std::atomic<int> queue_writes_left{0};
    std::atomic<long long> killed_at{0};
    auto kill_now = [&](KillAt k) {
        if (target.load() <= 0 || armed.load() != static_cast<int>(k)) return;
        if (armed.exchange(-1) != static_cast<int>(k)) return;
        ::kill(target.load(), SIGKILL);
        killed_at = Clock::now().time_since_epoch().count();
    };
    auto on_queue_write = [&](const fins::MemoryAddress& at, std::size_t count) {
        // A whole WRITE slot (D7000 + 100 per slot) on either line: its queue is being written.
        if (at.word >= 7000 && at.word < 8000 && count > 1 && --queue_writes_left <= 0) kill_now(KillAt::queue_write);
    };
    plc.plc.on_write(on_queue_write);
    plc2.plc.on_write(on_queue_write);
    odoo.sim.on_applied([&](const std::string& path) {
        if (path.starts_with("/api/scada/mo/cancel")) kill_now(KillAt::odoo_cancel);
        if (path.starts_with("/api/scada/mo/update-with-consumptions")) kill_now(KillAt::odoo_consumption);
        if (path.starts_with("/api/scada/mo/mark-done")) kill_now(KillAt::odoo_mark_done);
    });
    // The hooks go before what they refer to, on every way out of this test.
    const Unhook unhook{[&] {
        plc.plc.on_write(nullptr);
        plc2.plc.on_write(nullptr);
        odoo.sim.on_applied(nullptr);
    }};
    // The first kill is the first cancel (a slot fails in each line's first queue): armed before
    // anything runs.
    armed = static_cast<int>(KillAt::odoo_cancel);
    start(a);  // leads both lines from its start: it found them free
    target = a.process->pid();
    ASSERT_TRUE(wait_for_role(a, "leader", 1, 10s) && wait_for_role(a, "leader", 2, 10s)) << a.process->output();
    start(b);
    // Who leads each line from when, per line (both lines change hands together: the one leader dies).
    std::array<std::vector<Change>, 2> changes{std::vector<Change>{{Clock::time_point{}, kNodeA}},
                                               std::vector<Change>{{Clock::time_point{}, kNodeA}}};

    std::mt19937 rng(static_cast<unsigned>(Clock::now().time_since_epoch().count()));
    std::vector<std::int64_t> takeover_ms;
    std::map<std::string, int> kills_by_moment;
    const KillAt order[] = {KillAt::odoo_cancel, KillAt::queue_write, KillAt::odoo_consumption, KillAt::odoo_mark_done,
                            KillAt::random};
    Instance* leader = &a;
    Instance* standby = &b;
    for (int round = 0; round < kKills; ++round) {
        KillAt k = round == 0 ? KillAt::odoo_cancel : order[1 + static_cast<std::size_t>(round - 1) % 4];
        if (archived_on_both() == kMos1 + kMos2) k = KillAt::random;  // nothing left to interrupt
        if (round > 0) {
            target = leader->process->pid();
            killed_at = 0;
            queue_writes_left = std::uniform_int_distribution<int>(1, 9)(rng);
        }
        if (round == 0) {
            // armed before the start
        } else if (k == KillAt::random) {
            std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<int>(200, 1500)(rng)));
            armed = static_cast<int>(k);
            kill_now(k);
        } else {
            armed = static_cast<int>(k);
        }
        if (k != KillAt::random) {
            // The moment may not come (a cancel is one MO per line; queues come every ten): then at random.
            if (!wait_until([&] { return killed_at.load() != 0; }, kMomentWait)) {
                k = KillAt::random;
                armed = static_cast<int>(k);
                kill_now(k);
            }
        }
        ASSERT_NE(killed_at.load(), 0);
        const Clock::time_point kill_time{Clock::duration(killed_at.load())};
        std::cout << "round " << round << ": node " << leader->node << " killed " << kill_name(k) << " ("
                  << archived_on_both() << " of " << kMos1 + kMos2 << " archived)" << std::endl;
        ++kills_by_moment[std::string(kill_name(k))];
        ASSERT_TRUE(leader->process->wait_exit(10s).has_value());
        // Each line's take-over is timed on its own: the two leases are separate.
        std::array<bool, 2> taken{false, false};
        const auto give_up = Clock::now() + std::chrono::milliseconds(kTakeoverMs) + 5s;
        while (!(taken[0] && taken[1]) && Clock::now() < give_up) {
            for (std::size_t i = 0; i < taken.size(); ++i) {
                if (taken[i] || role_of(*standby, static_cast<int>(i) + 1) != "leader") continue;
                taken[i] = true;
                takeover_ms.push_back(
                    std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - kill_time).count());
                changes[i].push_back({kill_time, standby->node});
            }
            std::this_thread::sleep_for(20ms);
        }
        ASSERT_TRUE(taken[0] && taken[1]) << "round " << round << ": the standby did not take both lines over\n"
                                          << standby->process->output();
        start(*leader);  // the killed instance comes back, as systemd restarts it
        ASSERT_TRUE(wait_for_role(*leader, "standby", 1, 10s) && wait_for_role(*leader, "standby", 2, 10s))
            << leader->process->output();
        std::swap(leader, standby);
    }
    armed = -1;  // no more kills

    ASSERT_TRUE(wait_until([&] { return archived_on_both() == kMos1 + kMos2; }, 240s))
        << archived_on_both() << " of " << kMos1 + kMos2 << " archived\n"
        << leader->process->output();
    expect_line_end_state(*this, *repo, kMos1, "WH/MO/00003");
    expect_line_end_state(*this, *repo2, kMos2, "WH/MO/00105");
    // A cancel repeated after a kill is answered "already cancelled" (the end state shows the one
    // effect); a mark-done is asked for once per MO (docs/FAILOVER.md "Exactly once").
    for (const auto& [first, count] : {std::pair{1, kMos1}, std::pair{101, kMos2}}) {
        for (int n = first; n < first + static_cast<int>(count); ++n) {
            const std::string mo = mo_name(n);
            const bool failed = mo == "WH/MO/00003" || mo == "WH/MO/00105";
            EXPECT_EQ(calls_to("/api/scada/mo/mark-done", mo), failed ? 0 : 1) << mo << ": marked done exactly once";
        }
    }
    const std::array<const sim::SimulatedPlc*, 2> plc_of_line{&plc.plc, &plc2.plc};
    for (std::size_t i = 0; i < plc_of_line.size(); ++i) {
        const auto strays = requests_from_non_leaders(*plc_of_line[i], changes[i]);
        EXPECT_TRUE(strays.empty()) << "line " << i + 1 << ": " << strays.size()
                                    << " PLC request(s) from a non-leader, first: " << strays.front();
    }

    const std::size_t n = takeover_ms.size();
    std::cout << fmt::format(
        "take-over after kill -9 ({} kills, two lines, {} line take-overs, takeover_ms = {}): median {} ms, "
        "p99 {} ms, max {} ms\n",
        kKills, n, kTakeoverMs, percentile(takeover_ms, 0.5), percentile(takeover_ms, 0.99),
        *std::max_element(takeover_ms.begin(), takeover_ms.end()));
    for (const auto& [moment, count] : kills_by_moment)
        std::cout << "  killed " << moment << ": " << count << "\n";
    RecordProperty("takeover_median_ms", percentile(takeover_ms, 0.5));
    RecordProperty("takeover_p99_ms", percentile(takeover_ms, 0.99));
    EXPECT_GE(kills_by_moment["after Odoo applied a cancel, before the archive"], 1);
    EXPECT_GE(kills_by_moment["in the middle of a queue write"], 1);
}

TEST_P(FailoverE2E, ALeaderWhoseDatabaseSessionsAreCutStepsDownAndTheStandbyTakesTheLine) {
    odoo.sim.generate(12);
    start_batch_program(3, 100ms);
    start(a);
    ASSERT_TRUE(wait_for_role(a, "leader", 10s));
    start(b);
    ASSERT_TRUE(wait_for_role(b, "standby", 10s));
    ASSERT_TRUE(wait_until([&] { return !repo->active_batches()->empty(); }, 30s)) << "a queue runs";

    run_sql(
        fmt::format("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name LIKE "
                    "'plcbridge % node {}'",
                    kNodeA));
    ASSERT_TRUE(wait_for_role(b, "leader", std::chrono::milliseconds(kTakeoverMs) + 5s)) << b.process->output();
    EXPECT_EQ(role_of(a), "standby") << "the process lives on as a standby";
    EXPECT_TRUE(a.process->running());
    std::this_thread::sleep_for(std::chrono::milliseconds(kTakeoverMs));
    EXPECT_EQ(role_of(a), "standby") << "it does not take the line back while the other holds it";
    ASSERT_TRUE(wait_until([&] { return all_histories().size() == 12; }, 120s)) << b.process->output();
    expect_full_cycle_end_state(*this);
    expect_hand_over_without_overlap(kNodeA, kNodeB);
    EXPECT_NE(a.process->output().find("lost the database session that holds the line's lease"), std::string::npos);
}

TEST_P(FailoverE2E, ALeaderCutOffFromPostgresqlStopsTouchingThePlcWithinItsLease) {
    const auto at = db_url.rfind(':');
    const auto slash = db_url.find('/', at);
    const auto pg_port = static_cast<std::uint16_t>(std::stoi(db_url.substr(at + 1, slash - at - 1)));
    testing::TcpFreezeProxy proxy(pg_port);
    std::string through_proxy = db_url;
    through_proxy.replace(at + 1, slash - at - 1, std::to_string(proxy.port));

    odoo.sim.generate(12);
    start_batch_program(3, 100ms);
    start(a, through_proxy);
    ASSERT_TRUE(wait_for_role(a, "leader", 10s)) << a.process->output();
    start(b);
    ASSERT_TRUE(wait_for_role(b, "standby", 10s));
    ASSERT_TRUE(wait_until([&] { return !repo->active_batches()->empty(); }, 30s)) << "a queue runs";

    const auto partition = Clock::now();
    proxy.freeze();
    ASSERT_TRUE(wait_for_role(b, "leader", std::chrono::milliseconds(kTakeoverMs) + 5s)) << b.process->output();
    const auto lease = store::lease_timing(std::chrono::milliseconds(kTakeoverMs)).lease;
    // The old leader's last request: within its lease of the partition (it renewed just before, at best).
    Clock::time_point last_a{};
    for (const auto& r : plc.plc.request_log())
        if (r.source_node == kNodeA) last_a = std::max(last_a, r.at);
    EXPECT_LT(last_a - partition, lease + kInFlight) << "the partitioned leader stopped touching the PLC in time";
    EXPECT_TRUE(a.process->running()) << "it still runs";
    std::this_thread::sleep_for(2s);
    proxy.thaw();
    std::this_thread::sleep_for(std::chrono::milliseconds(kTakeoverMs));
    EXPECT_EQ(role_of(a), "standby") << "back on the network, it finds the line taken";
    ASSERT_TRUE(wait_until([&] { return all_histories().size() == 12; }, 120s)) << b.process->output();
    expect_full_cycle_end_state(*this);
    expect_hand_over_without_overlap(kNodeA, kNodeB);
}

// Failover needs PostgreSQL: SQLite is one instance (tested in the CLI checks).
INSTANTIATE_TEST_SUITE_P(Postgresql, FailoverE2E, ::testing::Values(testing::StoreBackend::postgresql),
                         testing::backend_name);

}  // namespace
}  // namespace plcbridge::e2e
