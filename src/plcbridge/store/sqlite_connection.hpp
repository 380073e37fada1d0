#pragma once
/// SqlConnection on the sqlite3 C API: WAL journal, synchronous=FULL (a committed batch survives a
/// power cut), a busy timeout instead of instant SQLITE_BUSY, foreign keys enforced.
/// Only the first open creates the file; a reopen after an outage never does, and check_file()
/// notices a file deleted or replaced under the open connection (docs/DESIGN.md, "The store heals").

#include <cstdint>
#include <memory>
#include <optional>

#include <sys/types.h>
#include <string>

#include "plcbridge/store/sql_connection.hpp"

struct sqlite3;

namespace plcbridge::store {

class SqliteConnection final : public SqlConnection {
  public:
    [[nodiscard]] static Result<std::unique_ptr<SqlConnection>> open(const DatabaseUrl& url);
    ~SqliteConnection() override;
    SqliteConnection(const SqliteConnection&) = delete;
    SqliteConnection& operator=(const SqliteConnection&) = delete;

    Result<std::vector<Row>> query(std::string_view sql, std::span<const SqlValue> params) override;
    Result<void> execute_script(std::string_view sql) override;
    Result<void> reconnect() override;
    Result<void> check_file() override;
    [[nodiscard]] const Dialect& dialect() const noexcept override;
    [[nodiscard]] std::string describe() const override { return url_.redacted(); }

  private:
    explicit SqliteConnection(DatabaseUrl url) : url_(std::move(url)) {}
    enum class Create { if_missing, never };
    /// Which file a path names now (device and inode): a deleted or replaced file shows as a change.
    struct FileIdentity {
        dev_t device = 0;
        ino_t inode = 0;
        [[nodiscard]] static std::optional<FileIdentity> of(const std::string& path);
        bool operator==(const FileIdentity&) const = default;
    };

    Result<void> connect(Create create);
    [[nodiscard]] Error error_from(int code, std::string_view sql) const;

    DatabaseUrl url_;
    sqlite3* db_ = nullptr;
    std::optional<FileIdentity> opened_file_;  ///< nullopt for an in-memory database
    std::optional<FileIdentity> opened_wal_;   ///< nullopt until SQLite has made the -wal file
};

}  // namespace plcbridge::store
