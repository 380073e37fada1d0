// What a hostile test of the service found (issue 12), each replayed against the real binary:
// a database file made immutable, deleted; idle connections; requests that are not HTTP/1.1; a
// listen address in use; a fatal signal. Each test failed on the code before its fix.
#include <sys/stat.h>

#include <cstdlib>

#include "e2e/service_e2e_fixture.hpp"
#include "support/raw_tcp.hpp"

namespace plcbridge::e2e {
namespace {

/// The file-level faults are SQLite's; the API's do not depend on the database.
class SqliteE2E : public ServiceE2E {
  public:
    [[nodiscard]] std::string db_path() const { return db_url.substr(std::string("sqlite:").size()); }
    bool set_immutable(bool on) {
        const std::string path = db_path();
        const std::string command =
            std::string("chattr ") + (on ? "+i" : "-i") + " '" + path + "' '" + path + "-wal' 2>/dev/null";
        return std::system(command.c_str()) == 0;
    }
    nlohmann::json health() { return http_call(api, "GET", "/api/health").json(); }
};

TEST_P(SqliteE2E, AReadOnlyEpisodeDegradesHealthOnceThenHealsAndTheCancelStillHappens) {
    seed_batch(3, "WH/MO/00123");
    start_service();
    wait_for_first_read(3);
    ASSERT_EQ(health()["database"]["status"], "ok");
    if (!set_immutable(true)) GTEST_SKIP() << "chattr +i is not permitted here (needs root); CI runs as root";
    struct Undo {
        SqliteE2E& test;
        ~Undo() { test.set_immutable(false); }
    } undo{*this};
    set_failure_bit(3);  // the failure edge must be stored: a write, which cannot succeed now

    const std::string warning = "[WARNING] database writes fail:";
    ASSERT_TRUE(wait_until([&] { return count_lines(warning) > 0; }, 20s)) << service->output();
    const auto during = health();
    EXPECT_EQ(during["status"], "degraded") << during.dump();
    EXPECT_EQ(during["database"]["status"], "down") << during.dump();
    EXPECT_FALSE(archived("WH/MO/00123"));

    ASSERT_TRUE(set_immutable(false));
    // No restart: the store reopens the file by itself and the cancel goes through.
    ASSERT_TRUE(wait_until([&] { return archived("WH/MO/00123"); }, 30s)) << service->output();
    EXPECT_EQ(histories_of("WH/MO/00123").at(0).status, "cancelled");
    ASSERT_TRUE(wait_until([&] { return count_lines("[INFO] database writes succeed again") > 0; }, 15s));
    ASSERT_TRUE(wait_until([&] { return health()["database"]["status"] == "ok"; }, 15s)) << health().dump();
    EXPECT_EQ(count_lines(warning), 1) << "one warning per episode";
    EXPECT_EQ(odoo_cancel_calls(), 1);
    // Every task says the outage once, not once per cycle (the PLC is read every 250 ms here).
    for (const char* line : {"[ERROR] PLC read not stored", "[ERROR] cancel worker: cannot read the job table",
                             "[ERROR] Task 3: cannot"}) {
        EXPECT_LE(count_lines(line), 1) << line;
    }
}

TEST_P(SqliteE2E, ADeletedDatabaseIsAnOutageSaidOnceAndNeverRecreatedBehindTheOperatorsBack) {
    seed_batch(3, "WH/MO/00123");
    start_service();
    wait_for_first_read(3);
    repo.reset();  // the test's own connection would keep the files' inodes alive; it is not needed
    for (const char* suffix : {"", "-wal", "-shm"})
        std::filesystem::remove(db_path() + suffix);

    ASSERT_TRUE(wait_until([&] { return health()["database"]["status"] == "down"; }, 20s)) << health().dump();
    const auto h = health();
    EXPECT_EQ(h["status"], "degraded");
    EXPECT_NE(h["warnings"].dump().find("the database file is gone"), std::string::npos) << h.dump();
    const std::string error = "[ERROR] database check failed:";
    ASSERT_TRUE(wait_until([&] { return count_lines(error) > 0; }, 20s)) << service->output();
    std::this_thread::sleep_for(11s);  // two more store checks
    EXPECT_EQ(count_lines(error), 1) << "once per outage";
    EXPECT_FALSE(std::filesystem::exists(db_path())) << "an empty database in its place would forget the batches";
    EXPECT_EQ(http_call(api, "GET", "/api/batches").status, 503U);
}

TEST_P(SqliteE2E, TwoHundredIdleConnectionsFromOneAddressDoNotLockOutAnotherClient) {
    start_service();
    std::vector<int> idle;
    for (int i = 0; i < 200; ++i) {
        const int fd = testing::tcp_connect(api, "127.0.0.2");
        ASSERT_GE(fd, 0) << i;
        idle.push_back(fd);
    }
    const auto started = std::chrono::steady_clock::now();
    const auto answer = http_call(api, "GET", "/api/health", "", "", 5s);
    const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    EXPECT_EQ(answer.status, 200U) << answer.body << answer.error;
    std::cout << "[ measure ] /api/health beside 200 idle connections answered in " << took.count() << " ms\n";

    // The connections beyond the per-address cap were told so at once.
    bool closed = false;
    const std::string refused = testing::read_until_close(idle.back(), 3s, &closed);
    EXPECT_TRUE(refused.starts_with("HTTP/1.1 503")) << refused;
    EXPECT_NE(refused.find("too many open connections from 127.0.0.2"), std::string::npos) << refused;
    EXPECT_TRUE(closed);
    // The ones within the cap are closed when no header arrives in time.
    const std::string idle_answer = testing::read_until_close(idle.front(), 15s, &closed);
    EXPECT_TRUE(closed) << "an idle connection must not hold its slot";
    EXPECT_TRUE(idle_answer.empty()) << idle_answer;
    for (int fd : idle)
        ::close(fd);
}

TEST_P(SqliteE2E, HeadIsAnsweredLikeGetWithoutTheBody) {
    start_service();
    const std::string get =
        testing::raw_exchange(api, "GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    const std::string head =
        testing::raw_exchange(api, "HEAD /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    ASSERT_TRUE(head.starts_with("HTTP/1.1 200")) << head;
    EXPECT_TRUE(head.ends_with("\r\n\r\n")) << "no body after the header: " << head;
    EXPECT_NE(head.find("Content-Type: application/json"), std::string::npos) << head;
    EXPECT_NE(head.find("Content-Length: "), std::string::npos) << head;
    EXPECT_NE(head.find("Content-Length: 0\r\n"), 0U);
    EXPECT_TRUE(get.starts_with("HTTP/1.1 200")) << get;
    // An admin GET needs its token with HEAD as with GET.
    const std::string admin =
        testing::raw_exchange(api, "HEAD /api/admin/scheduler/status HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    EXPECT_TRUE(admin.starts_with("HTTP/1.1 401")) << admin;
}

TEST_P(SqliteE2E, WhatIsNotAnHttp11RequestGetsA400BeforeTheClose) {
    start_service();
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"HTTP/0.9", "GET /api/health\r\n\r\n"},
        {"HTTP/2 preface", std::string("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n")},
        {"garbage request line", "HELLO\r\n\r\n"},
        {"request line with an extra part", "GET /api/health HTTP/1.1 please\r\nHost: x\r\n\r\n"},
        {"binary", std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11) + "\r\n\r\n"},
    };
    for (const auto& [what, bytes] : cases) {
        const std::string answer = testing::raw_exchange(api, bytes);
        EXPECT_TRUE(answer.starts_with("HTTP/1.1 400")) << what << ": " << answer;
        EXPECT_NE(answer.find("this API speaks HTTP/1.1"), std::string::npos) << what << ": " << answer;
    }
    EXPECT_EQ(http_call(api, "GET", "/api/health").status, 200U);
}

TEST_P(SqliteE2E, AListenAddressInUseExitsTwoNamingTheAddress) {
    start_service();
    const std::string taken = fmt::format("127.0.0.1:{}", api);
    std::string text = config();
    const auto at = text.find("127.0.0.1:0");
    ASSERT_NE(at, std::string::npos);
    text.replace(at, std::string("127.0.0.1:0").size(), taken);
    const std::string path = dir + "/second.toml";
    std::ofstream(path) << text;
    testing::ServiceProcess second({"run", "--config", path}, dir + "/second");
    EXPECT_EQ(second.wait_exit(30s), 2) << second.errors();
    EXPECT_NE(second.errors().find("cannot listen on " + taken), std::string::npos) << second.errors();
    EXPECT_EQ(http_call(api, "GET", "/api/health").status, 200U) << "the first one goes on";
}

TEST_P(SqliteE2E, AFatalSignalLeavesItsReasonInTheLogBeforeTheProcessEnds) {
#if defined(__SANITIZE_THREAD__)
    // Under ThreadSanitizer the signal ends in TSan's own crash report after our line, and under a
    // loaded machine that report sometimes never finishes: the process's end is TSan's, not ours.
    // The ASan build (make test) runs this test.
    GTEST_SKIP() << "ThreadSanitizer takes over the fatal signal's end";
#endif
    start_service();
    service->signal(SIGBUS);
    const auto code = service->wait_exit(30s);
    ASSERT_TRUE(code.has_value());
    EXPECT_NE(*code, 0);
    EXPECT_EQ(count_lines("[ERROR] fatal signal SIGBUS (bus error"), 1) << service->errors();
    EXPECT_NE(service->errors().find("fatal signal SIGBUS"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Sqlite, SqliteE2E, ::testing::Values(StoreBackend::sqlite), testing::backend_name);

}  // namespace
}  // namespace plcbridge::e2e
