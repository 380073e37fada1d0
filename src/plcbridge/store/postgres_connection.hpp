#pragma once
/// SqlConnection on libpq: one connection, UTC session, a connect timeout, and errors classified
/// by SQLSTATE (08xxx / a dead connection -> unavailable, 40001/40P01 -> busy, 23xxx -> constraint).

#include <memory>
#include <string>

#include "plcbridge/store/sql_connection.hpp"

struct pg_conn;

namespace plcbridge::store {

class PostgresConnection final : public SqlConnection {
  public:
    [[nodiscard]] static Result<std::unique_ptr<SqlConnection>> open(const DatabaseUrl& url);
    ~PostgresConnection() override;
    PostgresConnection(const PostgresConnection&) = delete;
    PostgresConnection& operator=(const PostgresConnection&) = delete;

    Result<std::vector<Row>> query(std::string_view sql, std::span<const SqlValue> params) override;
    Result<void> execute_script(std::string_view sql) override;
    Result<void> reconnect() override;
    [[nodiscard]] const Dialect& dialect() const noexcept override;
    [[nodiscard]] std::string describe() const override { return url_.redacted(); }

  private:
    explicit PostgresConnection(DatabaseUrl url) : url_(std::move(url)) {}
    Result<void> connect();

    DatabaseUrl url_;
    pg_conn* conn_ = nullptr;
};

}  // namespace plcbridge::store
