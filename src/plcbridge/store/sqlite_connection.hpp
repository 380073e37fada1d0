#pragma once
/// SqlConnection on the sqlite3 C API: WAL journal, synchronous=FULL (a committed batch survives a
/// power cut), a busy timeout instead of instant SQLITE_BUSY, foreign keys enforced.

#include <memory>
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
    [[nodiscard]] const Dialect& dialect() const noexcept override;
    [[nodiscard]] std::string describe() const override { return url_.redacted(); }

  private:
    explicit SqliteConnection(DatabaseUrl url) : url_(std::move(url)) {}
    Result<void> connect();
    [[nodiscard]] Error error_from(int code, std::string_view sql) const;

    DatabaseUrl url_;
    sqlite3* db_ = nullptr;
};

}  // namespace plcbridge::store
