#pragma once
// The end-to-end fixture: the real plcbridge binary (`plcbridge run`) against the PLC simulator
// (FINS/UDP) and the Odoo simulator (HTTP), both on loopback in the test process, on SQLite and on
// PostgreSQL, with helpers to seed batches, read the log and call the API.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>

#include "plcbridge/batch/log_messages.hpp"
#include "plcbridge/memory_map/batch_slot.hpp"
#include "plcbridge/memory_map/default_maps.hpp"
#include "plcbridge/sim/batch_runner.hpp"
#include "plcbridge/store/sql_connection.hpp"
#include "support/http_client.hpp"
#include "support/odoo_sim_thread.hpp"
#include "support/plant_captures.hpp"
#include "support/service_process.hpp"
#include "support/sim_fixture.hpp"
#include "support/store_fixture.hpp"

namespace plcbridge::e2e {

using namespace std::chrono_literals;
using store::Decimal;
using testing::http_call;
using testing::StoreBackend;
using testing::wait_until;

inline constexpr int kReadIntervalMs = 250;
inline constexpr const char* kToken = "e2e-token";

/// One task's entry in a scheduler status answer.
inline nlohmann::json task_of(const nlohmann::json& status, const std::string& name) {
    for (const auto& t : status["tasks"])
        if (t["name"] == name) return t;
    ADD_FAILURE() << "no task " << name << " in " << status.dump();
    return nlohmann::json::object();
}

inline std::string mo_name(int n) {
    return fmt::format("WH/MO/{:05}", n);
}

/// The plant's batch program in one simulated PLC, ticking every `tick` on its own thread until
/// destroyed.
class BatchProgram {
  public:
    BatchProgram(sim::SimulatedPlc& plc, int fail_slot, std::chrono::milliseconds tick)
        : runner_(plc, sim::BatchRunnerOptions{10, 25, fail_slot, 3}), thread_([this, tick] {
              while (!stop_.load()) {
                  (void)runner_.tick();
                  std::this_thread::sleep_for(tick);
              }
          }) {}
    BatchProgram(const BatchProgram&) = delete;
    BatchProgram& operator=(const BatchProgram&) = delete;
    ~BatchProgram() {
        stop_ = true;
        thread_.join();
    }

  private:
    sim::BatchRunner runner_;
    std::atomic<bool> stop_{false};
    std::thread thread_;
};

class ServiceE2E : public ::testing::TestWithParam<StoreBackend> {
  public:  // the end-state checks below are free functions
    ServiceE2E()
        : write_area(memory_map::load_area(memory_map::AreaKind::write, "", 10, 100).value()),
          read_area(memory_map::load_area(memory_map::AreaKind::read, "", 10, 100).value()) {}

    void SetUp() override {
        if (GetParam() == StoreBackend::postgresql && std::getenv("PLCBRIDGE_TEST_PG_URL") == nullptr) {
            GTEST_SKIP() << "PLCBRIDGE_TEST_PG_URL is not set (make test starts PostgreSQL and sets it)";
        }
        static int counter = 0;
        dir = fmt::format("{}/plcbridge_e2e_{}_{}", ::testing::TempDir(), getpid(), counter++);
        std::filesystem::remove_all(dir);
        std::filesystem::create_directories(dir);
        db_url = testing::fresh_database(GetParam());
        repo = testing::open_repository(db_url);  // migrates; the service finds the schema in place
        ASSERT_NE(repo, nullptr);
    }
    void TearDown() override {
        stop_batch_program();
        service.reset();
        repo.reset();
        if (!HasFailure() && !dir.empty()) std::filesystem::remove_all(dir);  // kept for a failure's post-mortem
    }

    /// An active batch in `slot`: queued in mo_batch with planned amounts, running in the PLC's READ
    /// area with actual consumption, and open in Odoo.
    void seed_batch(int slot, const std::string& mo_id, const std::string& odoo_state = "progress") {
        store::NewBatch b;
        b.batch_no = slot;
        b.mo_id = mo_id;
        b.bom = "BOM-" + std::to_string(slot);
        b.finished_goods = "JF SAPOT";
        b.quantity = Decimal{100000, 100};
        b.lines = {{"silo101", Decimal{20000, 100}, Decimal{0, 100}},
                   {"silo104", Decimal{5025, 100}, Decimal{0, 100}},
                   {"lq114", Decimal{1234, 100}, Decimal{0, 100}}};
        ASSERT_TRUE(repo->insert_batch(b, std::chrono::system_clock::now()).ok());
        memory_map::BatchRecipe in_plc{
            slot,
            mo_id,
            b.bom,
            b.finished_goods,
            b.quantity,
            {{"silo101", Decimal{15050, 100}}, {"silo104", Decimal{4999, 100}}, {"lq114", Decimal{1017, 100}}}};
        auto words = memory_map::encode_recipe(write_area, slot, in_plc);
        ASSERT_TRUE(words.ok()) << words.error().message();
        plc.plc.set_words(fins::Area::dm, read_slot_address(slot), *words);
        sim::SimMo mo;
        mo.mo_id = mo_id;
        mo.state = odoo_state;
        mo.components = {{"PKE", 200, 0, "silo101"}, {"CORN", 50.25, 0, "silo104"}};
        odoo.sim.put_mo(mo);
    }
    static std::uint16_t read_slot_address(int slot) { return static_cast<std::uint16_t>(6000 + 100 * (slot - 1)); }
    void set_failure_bit(int slot) {
        plc.plc.set_word(fins::Area::dm, static_cast<std::uint16_t>(read_slot_address(slot) + 73), 1);
    }

    std::string config(const std::string& extra = "") const {
        return fmt::format(
            "[plc]\nhost = \"127.0.0.1\"\nport = {}\ntimeout_ms = 300\nretries = 0\n"
            "[odoo]\nurl = \"http://127.0.0.1:{}\"\npassword = \"admin\"\n"
            "[database]\nurl = \"{}\"\n"
            "[tasks]\nplc_read_interval_ms = {}\nmo_sync_interval_s = 1\nprocess_completed_interval_s = 1\n{}"
            "[api]\nlisten = \"127.0.0.1:0\"\ntoken = \"{}\"\n"
            "[log]\nfile = \"{}/logs/app.log\"\n{}",
            plc.port, odoo.port, db_url, kReadIntervalMs, tasks_extra, kToken, dir, extra);
    }
    /// Starts (or restarts) the service; its API port in `api`.
    void start_service(const std::string& extra_config = "") {
        const std::string path = dir + "/plcbridge.toml";
        std::ofstream(path) << config(extra_config);
        service = std::make_unique<testing::ServiceProcess>(std::vector<std::string>{"run", "--config", path},
                                                            fmt::format("{}/run{}", dir, runs++), service_env);
        api = service->api_port();
        ASSERT_NE(api, 0);
    }

    /// The log file's lines without their timestamps: "[LEVEL] message".
    std::vector<std::string> log_lines() const {
        std::vector<std::string> out;
        std::stringstream text(testing::read_file(dir + "/logs/app.log"));
        std::string line;
        while (std::getline(text, line)) {
            const auto space = line.find(' ');
            if (space != std::string::npos) out.push_back(line.substr(space + 1));
        }
        return out;
    }
    int count_lines(const std::string& needle) const {
        int n = 0;
        for (const auto& l : log_lines())
            n += l.find(needle) != std::string::npos ? 1 : 0;
        return n;
    }
    bool logged(const std::string& line) const {
        const auto lines = log_lines();
        return std::find(lines.begin(), lines.end(), line) != lines.end();
    }
    int odoo_cancel_calls() const {
        int n = 0;
        for (const auto& c : odoo.sim.calls())
            n += c.starts_with("/api/scada/mo/cancel") ? 1 : 0;
        return n;
    }
    std::vector<store::History> histories_of(const std::string& mo_id) {
        store::HistoryFilter f;
        f.mo_id = mo_id;
        auto rows = repo->histories(f);
        EXPECT_TRUE(rows.ok());
        return rows.ok() ? *rows : std::vector<store::History>{};
    }
    bool archived(const std::string& mo_id) { return !histories_of(mo_id).empty(); }
    std::vector<store::History> all_histories() {
        store::HistoryFilter f;
        f.limit = 1000;
        auto rows = repo->histories(f);
        EXPECT_TRUE(rows.ok());
        return rows.ok() ? *rows : std::vector<store::History>{};
    }
    std::uint64_t plc_read_runs() {
        auto status = http_call(api, "GET", "/api/admin/scheduler/status", "", kToken).json();
        return task_of(status, "plc_read").value("runs", std::uint64_t{0});
    }
    /// Waits for a completed read cycle that saw the batch in `slot` (last_read_from_plc set).
    void wait_for_first_read(int slot) {
        ASSERT_TRUE(wait_until(
            [&] {
                auto b = repo->find_batch_by_slot(slot);
                return b.ok() && b->has_value() && (*b)->last_read_from_plc.has_value();
            },
            20s))
            << service->output();
    }
    void run_sql(const std::string& sql) {
        auto url = store::parse_database_url(db_url);
        auto connection = store::open_connection(*url);
        ASSERT_TRUE(connection.ok());
        auto done = (*connection)->execute_script(sql);
        ASSERT_TRUE(done.ok()) << done.error().message();
    }

    /// The plant's batch program in the simulated PLC, ticking every `tick` on its own thread.
    void start_batch_program(int fail_slot, std::chrono::milliseconds tick) {
        program = std::make_unique<BatchProgram>(plc.plc, fail_slot, tick);
    }
    void stop_batch_program() { program.reset(); }

    memory_map::SlotArea write_area;
    memory_map::SlotArea read_area;
    testing::SimThread plc;
    std::unique_ptr<BatchProgram> program;
    testing::OdooSimThread odoo;
    std::string dir;
    std::string db_url;
    std::unique_ptr<store::SqlRepository> repo;
    std::string tasks_extra;                                       ///< more [tasks] keys for one test
    std::vector<std::pair<std::string, std::string>> service_env;  ///< variables for the service only
    std::unique_ptr<testing::ServiceProcess> service;
    std::uint16_t api = 0;
    int runs = 0;
};

/// Every line's histories (the fixture's repository sees line 1's).
inline std::vector<store::History> every_line_history(ServiceE2E& t) {
    store::HistoryFilter f;
    f.limit = 1000;
    f.all_lines = true;
    auto rows = t.repo->histories(f);
    EXPECT_TRUE(rows.ok());
    return rows.ok() ? *rows : std::vector<store::History>{};
}

/// Gives the MOs WH/MO/<first>..<first + count - 1> their line's equipment code in Odoo.
inline void make_on(ServiceE2E& t, int first, int count, const std::string& equipment) {
    for (int n = first; n < first + count; ++n) {
        auto mo = t.odoo.sim.mo(mo_name(n));
        ASSERT_TRUE(mo.has_value()) << mo_name(n);
        mo->equipment = equipment;
        t.odoo.sim.put_mo(*mo);
    }
}

/// The configuration of two lines (docs/LINES.md): line 1 "Mixer 1" on the fixture's PLC with
/// PLC01's MOs, line 2 on the PLC at `plc2_port` with PLC02's.
inline std::string two_lines(std::uint16_t plc2_port) {
    return fmt::format(
        "[lines.1]\nname = \"Mixer 1\"\nmo_equipment = [\"PLC01\"]\n"
        "[lines.2]\nmo_equipment = [\"PLC02\"]\n[lines.2.plc]\nport = {}\n",
        plc2_port);
}

/// Checks the end state of one line after a full cycle of `mos` MOs made from the plant's (their
/// names, BoM lines and equipment; every fourth a half batch) with the batch of `cancelled` failing:
/// `repo` is that line's repository.
inline void expect_line_end_state(ServiceE2E& t, store::SqlRepository& repo, std::size_t mos,
                                  const std::string& cancelled) {
    store::HistoryFilter filter;
    filter.limit = 1000;
    const auto all = repo.histories(filter).value();
    ASSERT_EQ(all.size(), mos) << (t.service ? t.service->output() : std::string());
    std::set<std::string> seen;
    for (const store::History& h : all) {
        EXPECT_TRUE(seen.insert(h.mo_id).second) << h.mo_id << " archived twice";
        EXPECT_EQ(h.line, repo.line()) << h.mo_id;
        const auto mo = t.odoo.sim.mo(h.mo_id).value();
        if (h.mo_id == cancelled) {
            EXPECT_EQ(h.status, "cancelled");
            EXPECT_EQ(mo.state, "cancel");
            continue;
        }
        EXPECT_EQ(h.status, "completed") << h.mo_id;
        EXPECT_EQ(mo.state, "done") << h.mo_id;
        EXPECT_EQ(h.finished_goods, mo.product_name) << "the history keeps Odoo's full name";
        // Odoo holds exactly what the PLC reported: every target reached (the BoM line scaled to the
        // MO), the hand-dosed lines (on PLC01 or on no equipment) untouched.
        const auto bom = t.odoo.sim.bom(mo.bom_id).value();
        const double batch_factor = mo.quantity / bom.product_qty;
        for (const auto& c : mo.components) {
            if (!c.equipment.starts_with("silo") && !c.equipment.starts_with("lq")) {
                EXPECT_EQ(c.consumed, 0.0) << h.mo_id << " " << c.product_name;
                continue;
            }
            EXPECT_NEAR(c.consumed, c.to_consume * batch_factor, 0.001) << h.mo_id << " " << c.product_name;
            const auto line = std::find_if(h.lines.begin(), h.lines.end(),
                                           [&](const store::BatchLine& l) { return l.equipment_code == c.equipment; });
            ASSERT_NE(line, h.lines.end()) << h.mo_id << " " << c.equipment;
            EXPECT_NEAR(line->actual.to_double(), c.consumed, 0.001);
        }
    }
    EXPECT_TRUE(repo.active_batches()->empty()) << "mo_batch is empty";
}

/// The end state of a full cycle of `mos` MOs (twelve unless said) on the one line, slot 3 failing.
inline void expect_full_cycle_end_state(ServiceE2E& t, std::size_t mos = 12) {
    expect_line_end_state(t, *t.repo, mos, "WH/MO/00003");
}

}  // namespace plcbridge::e2e
