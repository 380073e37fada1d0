// The auto-cancel end to end: the real plcbridge binary against the PLC and Odoo simulators on
// loopback, on SQLite and PostgreSQL (tests/e2e/service_e2e_fixture.hpp). The feature's own test,
// its failure scenarios (Odoo refuses, the archive fails, Odoo is down), kill -9 between the steps,
// garbled PLC captures and an unplugged PLC. Waits have deadlines; nothing asserts how fast
// something ran, only what happened and in which cycle.
#include "e2e/service_e2e_fixture.hpp"

namespace plcbridge::e2e {
namespace {

// The feature's own test (docs/CONTRACT.md "The auto-cancel"): a running batch, the PLC sets status_operation = 1,
// and within the next read cycle the MO is cancelled in Odoo and the batch archived as cancelled.
TEST_P(ServiceE2E, TheFeaturesTestFailureBitCancelsTheMoAndArchivesTheBatchWithEveryConsumptionValue) {
    seed_batch(3, "WH/MO/00123");
    start_service();
    wait_for_first_read(3);
    const std::uint64_t runs_before = plc_read_runs();
    set_failure_bit(3);  // "Update PLC memory: status_operation = 1"

    ASSERT_TRUE(wait_until([&] { return archived("WH/MO/00123"); }, 20s)) << service->output();
    EXPECT_LE(plc_read_runs() - runs_before, 3U) << "detected by the next read cycle, not later";
    // The last line is written just after the archive commits.
    ASSERT_TRUE(wait_until([&] { return logged("[INFO] " + batch::cancelled_and_archived(3, "WH/MO/00123")); }, 5s));

    // The log lines of the feature, in order.
    const std::vector<std::string> expected = {
        "[WARNING] " + batch::failure_detected(3, "WH/MO/00123"),
        "[INFO] " + batch::attempting_cancel("WH/MO/00123"),
        "[INFO] " + batch::odoo_cancel_successful(3, "WH/MO/00123"),
        "[INFO] " + batch::cancelled_and_archived(3, "WH/MO/00123"),
    };
    EXPECT_EQ(expected[0],
              "[WARNING] ⚠️ BATCH FAILURE DETECTED: status_operation=1 for batch #3 (MO: WH/MO/00123). Initiating "
              "auto-cancel...");
    const auto lines = log_lines();
    auto at = lines.begin();
    for (const auto& want : expected) {
        at = std::find(at, lines.end(), want);
        ASSERT_NE(at, lines.end()) << "missing or out of order: " << want << "\n" << service->output();
    }

    // Odoo: the MO is cancelled, by exactly one call.
    EXPECT_EQ(odoo.sim.mo("WH/MO/00123")->state, "cancel");
    EXPECT_EQ(odoo_cancel_calls(), 1);

    // mo_histories: status, note, every consumption value as the PLC reported it.
    const auto h = histories_of("WH/MO/00123");
    ASSERT_EQ(h.size(), 1U);
    EXPECT_EQ(h[0].batch_no, 3);
    EXPECT_EQ(h[0].status, "cancelled");
    EXPECT_EQ(h[0].notes, "Auto-cancelled: status_operation=1 (failed) detected from PLC");
    EXPECT_TRUE(h[0].status_operation);
    const std::vector<store::BatchLine> lines_expected = {{"lq114", Decimal{1234, 100}, Decimal{1017, 100}},
                                                          {"silo101", Decimal{20000, 100}, Decimal{15050, 100}},
                                                          {"silo104", Decimal{5025, 100}, Decimal{4999, 100}}};
    auto got = h[0].lines;
    std::sort(got.begin(), got.end(), [](const auto& a, const auto& b) { return a.equipment_code < b.equipment_code; });
    EXPECT_EQ(got, lines_expected);

    // mo_batch: the row is gone; the operators' query from the feature runs unchanged.
    EXPECT_FALSE(repo->find_batch_by_slot(3)->has_value());
    auto url = store::parse_database_url(db_url);
    auto connection = store::open_connection(*url);
    ASSERT_TRUE(connection.ok());
    auto rows = (*connection)
                    ->query(
                        "SELECT batch_no, mo_id, status, notes, status_operation FROM mo_histories WHERE status = "
                        "'cancelled' ORDER BY "
                        "created_at DESC");
    ASSERT_TRUE(rows.ok()) << rows.error().message();
    ASSERT_EQ(rows->size(), 1U);
    EXPECT_EQ(rows->at(0).text(1), "WH/MO/00123");

    // The API shows the same.
    auto api_history = http_call(api, "GET", "/api/histories?status=cancelled").json();
    ASSERT_EQ(api_history["histories"].size(), 1U);
    EXPECT_EQ(api_history["histories"][0]["notes"], "Auto-cancelled: status_operation=1 (failed) detected from PLC");
    EXPECT_EQ(http_call(api, "GET", "/api/batches").json()["batches"].size(), 0U);

    // SIGTERM: a graceful stop with exit code 0.
    service->signal(SIGTERM);
    EXPECT_EQ(service->wait_exit(40s), 0);
    EXPECT_TRUE(logged("[INFO] plcbridge stopped"));
}

// Scenario 1: Odoo refuses (the MO is done). The batch stays, flagged; the job ends refused and is
// shown to the operator, who cancels manually.
TEST_P(ServiceE2E, ScenarioOneOdooRefusesTheBatchStaysFlaggedAndTheOperatorCancelsManually) {
    seed_batch(3, "WH/MO/00123", "done");
    start_service();
    wait_for_first_read(3);
    set_failure_bit(3);

    const std::string refused =
        "[ERROR] ✗ Failed to cancel MO WH/MO/00123 in Odoo: Cannot cancel MO \"WH/MO/00123\" in state \"done\"";
    ASSERT_TRUE(wait_until([&] { return logged(refused); }, 20s)) << service->output();
    auto batch = repo->find_batch_by_slot(3).value();
    ASSERT_TRUE(batch.has_value()) << "not archived";
    EXPECT_TRUE(batch->status_operation);
    EXPECT_TRUE(histories_of("WH/MO/00123").empty());
    EXPECT_EQ(odoo.sim.mo("WH/MO/00123")->state, "done");

    // Visible to the operator: the job in /api/batches, a warning in /api/health.
    auto batches = http_call(api, "GET", "/api/batches").json();
    ASSERT_EQ(batches["batches"].size(), 1U);
    EXPECT_EQ(batches["batches"][0]["jobs"][0]["state"], "refused");
    EXPECT_EQ(batches["batches"][0]["jobs"][0]["last_error"], "Cannot cancel MO \"WH/MO/00123\" in state \"done\"");
    ASSERT_TRUE(
        wait_until([&] { return http_call(api, "GET", "/api/health").json()["odoo_jobs"]["refused"] == 1; }, 20s));

    // The manual cancel: token required, then archived with the operator's note, Odoo untouched.
    EXPECT_EQ(http_call(api, "POST", "/api/admin/manual/cancel-batch/3").status, 401U);
    auto cancel =
        http_call(api, "POST", "/api/admin/manual/cancel-batch/3", R"({"notes": "MO already closed"})", kToken);
    EXPECT_EQ(cancel.status, 200U) << cancel.body;
    const auto h = histories_of("WH/MO/00123");
    ASSERT_EQ(h.size(), 1U);
    EXPECT_EQ(h[0].notes, "MO already closed");
    EXPECT_EQ(h[0].status, "cancelled");
    EXPECT_EQ(odoo_cancel_calls(), 1) << "refused once, never retried";
    EXPECT_EQ(http_call(api, "POST", "/api/admin/manual/cancel-batch/3", "", kToken).status, 404U);
}

// Scenario 2: Odoo cancelled the MO, the archive fails (a database fault). The archive alone is
// retried — also across a kill -9 and a restart — and Odoo is never called again for that batch.
TEST_P(ServiceE2E, ScenarioTwoTheArchiveFailsAfterOdooCancelledAndOnlyTheArchiveIsRetriedEvenAcrossKillNine) {
    seed_batch(3, "WH/MO/00123");
    const bool pg = GetParam() == StoreBackend::postgresql;
    run_sql(pg ? "CREATE FUNCTION e2e_fault() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'injected fault: "
                 "mo_histories refuses writes'; END $$ LANGUAGE plpgsql; CREATE TRIGGER e2e_fault BEFORE INSERT ON "
                 "mo_histories FOR EACH ROW EXECUTE FUNCTION e2e_fault();"
               : "CREATE TRIGGER e2e_fault BEFORE INSERT ON mo_histories BEGIN SELECT RAISE(ABORT, 'injected fault: "
                 "mo_histories refuses writes'); END;");
    start_service();
    wait_for_first_read(3);
    set_failure_bit(3);

    ASSERT_TRUE(
        wait_until([&] { return count_lines("✗ Failed to archive cancelled batch #3 (MO: WH/MO/00123)") > 0; }, 20s))
        << service->output();
    EXPECT_EQ(odoo.sim.mo("WH/MO/00123")->state, "cancel");
    EXPECT_EQ(odoo_cancel_calls(), 1);
    auto batch = repo->find_batch_by_slot(3).value();
    ASSERT_TRUE(batch.has_value()) << "kept until the archive succeeds";
    auto jobs = repo->jobs_for_batch(batch->id).value();
    ASSERT_EQ(jobs.size(), 1U);
    EXPECT_EQ(jobs[0].state, store::JobState::odoo_done);

    // kill -9 while the archive is pending, repair the database, start again.
    service->signal(SIGKILL);
    ASSERT_TRUE(service->wait_exit(10s).has_value());
    run_sql(pg ? "DROP TRIGGER e2e_fault ON mo_histories;" : "DROP TRIGGER e2e_fault;");
    start_service();
    ASSERT_TRUE(wait_until([&] { return archived("WH/MO/00123"); }, 30s)) << service->output();
    EXPECT_TRUE(wait_until([&] { return logged("[INFO] " + batch::cancelled_and_archived(3, "WH/MO/00123")); }, 5s));
    EXPECT_EQ(histories_of("WH/MO/00123").size(), 1U);
    EXPECT_EQ(odoo_cancel_calls(), 1) << "Odoo is never called again for a batch it cancelled";
    EXPECT_FALSE(repo->find_batch_by_slot(3)->has_value());
}

// Scenario 3: Odoo down (its proxy answers 502), then back: the batch and the job are kept, retried
// with backoff, and end cancelled and archived once.
TEST_P(ServiceE2E, ScenarioThreeOdooDownThenBackIsRetriedUntilItResolves) {
    // The 502 is meant for the cancel: Task 1, which reads Odoo's MO list every cycle, stays off.
    tasks_extra = "disabled = \"mo_sync\"\n";
    seed_batch(3, "WH/MO/00123");
    seed_batch(5, "WH/MO/00125");
    sim::OdooFaults faults;
    faults.proxy_error = 1;  // the first call meets a 502 Bad Gateway page
    odoo.sim.set_faults(faults);
    start_service();
    wait_for_first_read(3);
    set_failure_bit(3);

    ASSERT_TRUE(wait_until([&] { return count_lines("✗ Exception during auto-cancel for batch #3") > 0; }, 20s))
        << service->output();
    EXPECT_TRUE(repo->find_batch_by_slot(3)->has_value()) << "kept while Odoo is down";
    auto health = http_call(api, "GET", "/api/health").json();
    EXPECT_EQ(health["odoo"]["status"], "down");
    EXPECT_EQ(health["status"], "degraded");

    // Meanwhile the other batch is still read and can fail and be cancelled on its own.
    ASSERT_TRUE(wait_until([&] { return archived("WH/MO/00123"); }, 30s)) << service->output();
    EXPECT_EQ(odoo.sim.mo("WH/MO/00123")->state, "cancel");
    EXPECT_EQ(histories_of("WH/MO/00123").size(), 1U);
    EXPECT_TRUE(repo->find_batch_by_slot(5)->has_value()) << "the healthy batch is untouched";
    EXPECT_EQ(odoo.sim.mo("WH/MO/00125")->state, "progress");
    EXPECT_EQ(http_call(api, "GET", "/api/health").json()["odoo"]["status"], "ok");
}

// A kill -9 after Odoo applied the cancel but before its answer arrived: the restarted service
// takes its job back at once, Odoo answers "already cancelled", the batch is archived once.
TEST_P(ServiceE2E, KillNineBetweenTheOdooCancelAndTheArchiveArchivesOnceAndCancelsOnce) {
    seed_batch(3, "WH/MO/00123");
    sim::OdooFaults faults;
    faults.delay_count = -1;
    faults.delay = 3000ms;  // every call is applied at once and answered late (the login too)
    odoo.sim.set_faults(faults);
    start_service();
    wait_for_first_read(3);
    set_failure_bit(3);
    ASSERT_TRUE(wait_until([&] { return odoo.sim.mo("WH/MO/00123")->state == "cancel"; }, 20s));
    service->signal(SIGKILL);
    ASSERT_TRUE(service->wait_exit(10s).has_value());
    EXPECT_FALSE(archived("WH/MO/00123"));
    EXPECT_EQ(odoo_cancel_calls(), 1);

    odoo.sim.set_faults(sim::OdooFaults{});
    start_service();
    ASSERT_TRUE(wait_until([&] { return archived("WH/MO/00123"); }, 30s)) << service->output();
    EXPECT_EQ(histories_of("WH/MO/00123").size(), 1U);
    EXPECT_EQ(odoo.sim.mo("WH/MO/00123")->state, "cancel");
    EXPECT_EQ(odoo_cancel_calls(), 2) << "asked again after the crash; the second call is a no-op in Odoo";
    EXPECT_FALSE(repo->find_batch_by_slot(3)->has_value());
}

// The plant's garbled captures in the READ area, under ten active batches: nothing is stored from
// them, nothing is cancelled, and each problem is reported once, not every cycle.
TEST_P(ServiceE2E, GarbledPlantCapturesNeverTriggerACancel) {
    for (int slot = 1; slot <= 10; ++slot)
        seed_batch(slot, mo_name(slot));
    for (int slot = 1; slot <= 10; ++slot)
        plc.plc.set_words(fins::Area::dm, read_slot_address(slot), testing::capture_words(read_area, slot, "garbled"));
    start_service();
    ASSERT_TRUE(wait_until([&] { return plc_read_runs() >= 8; }, 30s));

    for (int slot = 1; slot <= 10; ++slot) {
        auto b = repo->find_batch_by_slot(slot).value();
        ASSERT_TRUE(b.has_value());
        EXPECT_FALSE(b->status_operation) << "slot " << slot;
        EXPECT_TRUE(repo->jobs_for_batch(b->id)->empty()) << "slot " << slot;
    }
    EXPECT_EQ(odoo_cancel_calls(), 0);
    EXPECT_EQ(count_lines("BATCH FAILURE DETECTED"), 0);
    // A garbled slot is reported once per episode; an empty one is a batch the PLC has not started.
    int garbled = 0;
    for (int slot = 1; slot <= 10; ++slot) {
        const auto record = read_area.decode_slot(slot, testing::capture_words(read_area, slot, "garbled"));
        const bool reported = record.status != memory_map::SlotStatus::empty;
        garbled += reported ? 1 : 0;
        EXPECT_EQ(count_lines(fmt::format("batch #{} (MO: {}) not updated from the PLC", slot, mo_name(slot))),
                  reported ? 1 : 0)
            << "slot " << slot << "\n"
            << service->output();
    }
    EXPECT_EQ(garbled, 2) << "the plant's captures: two garbled slots, eight empty ones";
    auto health = http_call(api, "GET", "/api/health").json();
    EXPECT_EQ(health["plc"]["slots_with_problems"], 2) << health.dump();
    EXPECT_EQ(health["plc"]["problems_reported"], 2) << "counted once per episode, not per cycle";
}

// All ten slots fail at once while every Odoo call takes 2 s: every batch is cancelled and
// archived, and the PLC keeps being polled at its interval meanwhile.
TEST_P(ServiceE2E, TenSlotsFailWhileOdooIsSlowAndThePollKeepsItsInterval) {
    for (int slot = 1; slot <= 10; ++slot)
        seed_batch(slot, mo_name(slot));
    sim::OdooFaults faults;
    faults.delay_count = -1;
    faults.delay = 2000ms;
    odoo.sim.set_faults(faults);
    start_service();
    for (int slot = 1; slot <= 10; ++slot)
        wait_for_first_read(slot);
    for (int slot = 1; slot <= 10; ++slot)
        set_failure_bit(slot);

    // Sample the simulator's read counter; the longest time without a new read is the poll's gap.
    auto last_count = plc.plc.stats().memory_reads;
    auto last_change = std::chrono::steady_clock::now();
    std::chrono::milliseconds longest_gap{0};
    const bool all = wait_until(
        [&] {
            const auto now = std::chrono::steady_clock::now();
            const auto count = plc.plc.stats().memory_reads;
            if (count != last_count) {
                longest_gap =
                    std::max(longest_gap, std::chrono::duration_cast<std::chrono::milliseconds>(now - last_change));
                last_count = count;
                last_change = now;
            }
            for (int slot = 1; slot <= 10; ++slot)
                if (!archived(mo_name(slot))) return false;
            return true;
        },
        90s);
    ASSERT_TRUE(all) << service->output();
    for (int slot = 1; slot <= 10; ++slot)
        EXPECT_EQ(odoo.sim.mo(mo_name(slot))->state, "cancel") << slot;
    EXPECT_EQ(odoo_cancel_calls(), 10);
    // A generous bound for a loaded CI machine; a poll blocked behind Odoo would show ~20 s.
    EXPECT_LT(longest_gap.count(), kReadIntervalMs + 1000) << "the PLC poll stalled while Odoo was slow";
    auto status = http_call(api, "GET", "/api/admin/scheduler/status", "", kToken).json();
    EXPECT_EQ(task_of(status, "plc_read")["overruns"], 0) << status.dump();
}

// The PLC unplugged for several cycles: nothing is touched or cancelled, health says so, one ERROR
// when it starts and one INFO when it ends.
TEST_P(ServiceE2E, PlcUnpluggedForSeveralCyclesTouchesNothingAndRecoveryIsLogged) {
    seed_batch(3, "WH/MO/00123");
    start_service();
    wait_for_first_read(3);
    sim::FaultKnobs unplugged;
    unplugged.drop_requests = 1'000'000;  // no answer at all, as with a pulled cable
    plc.plc.set_knobs(unplugged);
    ASSERT_TRUE(wait_until(
        [&] { return http_call(api, "GET", "/api/health").json()["plc"]["consecutive_failures"].get<int>() >= 4; },
        30s))
        << service->output();
    const auto read_at = repo->find_batch_by_slot(3).value()->last_read_from_plc;
    auto health = http_call(api, "GET", "/api/health").json();
    EXPECT_EQ(health["status"], "degraded");
    EXPECT_EQ(health["plc"]["status"], "down");
    EXPECT_EQ(http_call(api, "POST", "/api/admin/manual/trigger-plc-sync", "", kToken).status, 503U);
    set_failure_bit(3);  // not visible while unplugged
    std::this_thread::sleep_for(std::chrono::milliseconds(3 * kReadIntervalMs));
    EXPECT_EQ(repo->find_batch_by_slot(3).value()->last_read_from_plc, read_at) << "no batch touched";
    EXPECT_EQ(odoo_cancel_calls(), 0);

    plc.plc.set_knobs(sim::FaultKnobs{});
    ASSERT_TRUE(wait_until([&] { return http_call(api, "GET", "/api/health").json()["plc"]["status"] == "ok"; }, 20s));
    EXPECT_EQ(count_lines("[ERROR] PLC read failed, no batch is touched until the PLC answers"), 1);
    EXPECT_EQ(count_lines("[INFO] PLC answers again after"), 1);
    // Back online, the failure it now sees is handled as usual.
    ASSERT_TRUE(wait_until([&] { return archived("WH/MO/00123"); }, 20s)) << service->output();
}

}  // namespace
}  // namespace plcbridge::e2e
