// What happens to the SQLite file under a running service: made immutable for a while (a read-only
// episode), deleted, replaced. The store must heal by itself when the file is writable again, say
// in its health that writes fail for as long as they do, and never write into a deleted file.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "plcbridge/store/errc.hpp"
#include "support/store_fixture.hpp"

namespace plcbridge::store {
namespace {

const TimePoint kT0 = TimePoint(std::chrono::milliseconds(1'795'000'000'000));  // 2026-11-18

NewBatch batch(int slot, std::string mo) {
    NewBatch b;
    b.batch_no = slot;
    b.mo_id = std::move(mo);
    b.bom = "[10083] JF PLUS UVP";
    b.finished_goods = "JF PLUS – KÜR";
    b.quantity = Decimal{50000, 100};
    b.lines = {{"silo101", Decimal{15007, 100}, Decimal{0, 100}}};
    return b;
}

/// `chattr +i` / `-i` on the database and its -wal: what the hostile test did. Needs root (or
/// CAP_LINUX_IMMUTABLE) and a file system with the attribute, which CI's machine has.
bool set_immutable(const std::string& path, bool on) {
    const std::string command = std::string("chattr ") + (on ? "+i" : "-i") + " '" + path + "' '" + path + "-wal'";
    return std::system(command.c_str()) == 0;
}

class SqliteFileFaults : public ::testing::Test {
  protected:
    void SetUp() override {
        url = testing::fresh_database(testing::StoreBackend::sqlite);
        path = url.substr(std::string("sqlite:").size());
        repo = testing::open_repository(url);
        ASSERT_NE(repo, nullptr);
        ASSERT_TRUE(repo->insert_batch(batch(1, "WH/MO/00001"), kT0).ok());
    }
    void TearDown() override {
        if (immutable) set_immutable(path, false);
    }

    std::string url;
    std::string path;
    std::unique_ptr<SqlRepository> repo;
    bool immutable = false;
};

TEST_F(SqliteFileFaults, AReadOnlyEpisodeEndsByItselfWhenTheFileIsWritableAgain) {
    immutable = set_immutable(path, true);
    if (!immutable) GTEST_SKIP() << "chattr +i is not permitted here (needs root); CI runs as root";

    auto during = repo->insert_batch(batch(2, "WH/MO/00002"), kT0);
    ASSERT_FALSE(during.ok());
    EXPECT_EQ(during.error().code, Errc::unavailable) << during.error().message();
    EXPECT_TRUE(repo->health().writes_failing);
    EXPECT_EQ(repo->health().write_outages, 1U);
    // A second write reopens the file while it is still immutable: SQLite would hand out a
    // read-only connection that refuses every write until a restart, so that open must fail.
    auto again = repo->insert_batch(batch(2, "WH/MO/00002"), kT0);
    ASSERT_FALSE(again.ok());
    EXPECT_NE(again.error().message().find("not writable"), std::string::npos) << again.error().message();
    // Reads still work or not, they do not say that writes work.
    (void)repo->active_batches();
    EXPECT_TRUE(repo->health().writes_failing);
    EXPECT_EQ(repo->health().write_outages, 1U) << "one episode, however many writes fail in it";

    ASSERT_TRUE(set_immutable(path, false));
    immutable = false;
    auto after = repo->insert_batch(batch(2, "WH/MO/00002"), kT0);
    ASSERT_TRUE(after.ok()) << after.error().message();
    EXPECT_FALSE(repo->health().writes_failing);
    auto active = repo->active_batches();
    ASSERT_TRUE(active.ok());
    EXPECT_EQ(active->size(), 2U);
}

TEST_F(SqliteFileFaults, ADeletedDatabaseIsAnOutageNeverAWriteIntoTheVoid) {
    for (const char* suffix : {"", "-wal", "-shm"})
        std::filesystem::remove(path + suffix);

    auto write = repo->insert_batch(batch(2, "WH/MO/00002"), kT0);
    ASSERT_FALSE(write.ok()) << "a write into a deleted file is lost at the next restart";
    EXPECT_EQ(write.error().code, Errc::unavailable);
    EXPECT_NE(write.error().message().find("deleted"), std::string::npos) << write.error().message();
    EXPECT_FALSE(repo->health().connected);
    EXPECT_TRUE(repo->health().writes_failing);
    auto read = repo->active_batches();
    EXPECT_FALSE(read.ok()) << "reads of a deleted database would answer from a file nobody sees";
    EXPECT_FALSE(std::filesystem::exists(path)) << "a reopen must not create an empty database in its place";
}

TEST_F(SqliteFileFaults, ADatabaseRestoredInPlaceIsReopened) {
    // The operator restores the file from a copy: a new file (new inode) at the same path.
    const std::string copy = path + ".backup";
    ASSERT_TRUE(repo->connection().execute_script("PRAGMA wal_checkpoint(TRUNCATE);").ok());
    std::filesystem::copy_file(path, copy, std::filesystem::copy_options::overwrite_existing);
    for (const char* suffix : {"", "-wal", "-shm"})
        std::filesystem::remove(path + suffix);
    ASSERT_FALSE(repo->insert_batch(batch(2, "WH/MO/00002"), kT0).ok());
    std::filesystem::rename(copy, path);

    auto write = repo->insert_batch(batch(2, "WH/MO/00002"), kT0);
    ASSERT_TRUE(write.ok()) << write.error().message();
    EXPECT_FALSE(repo->health().writes_failing);
    EXPECT_TRUE(repo->health().connected);
    auto active = repo->active_batches();
    ASSERT_TRUE(active.ok());
    EXPECT_EQ(active->size(), 2U) << "the restored batch and the new one";
}

}  // namespace
}  // namespace plcbridge::store
