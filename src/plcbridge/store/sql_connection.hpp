#pragma once
/// The narrow SQL interface the repository needs, implemented for SQLite (sqlite3 C API) and
/// PostgreSQL (libpq). Statements use $1, $2 ... placeholders on both. Results come back as text
/// cells (NULL = nullopt); Row converts. Not thread-safe: one connection per thread.

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "plcbridge/core/result.hpp"
#include "plcbridge/store/database_url.hpp"

namespace plcbridge::store {

using SqlValue = std::variant<std::monostate, std::int64_t, double, std::string, bool>;

class Row {
  public:
    explicit Row(std::vector<std::optional<std::string>> cells) : cells_(std::move(cells)) {}
    [[nodiscard]] bool is_null(std::size_t i) const { return !cells_.at(i).has_value(); }
    [[nodiscard]] std::int64_t integer(std::size_t i) const;
    [[nodiscard]] std::optional<std::int64_t> optional_integer(std::size_t i) const;
    [[nodiscard]] double real(std::size_t i) const;
    [[nodiscard]] std::string text(std::size_t i) const { return cells_.at(i).value_or(std::string{}); }
    [[nodiscard]] std::optional<std::string> optional_text(std::size_t i) const { return cells_.at(i); }
    /// SQLite answers 0/1, PostgreSQL t/f.
    [[nodiscard]] bool boolean(std::size_t i) const;
    [[nodiscard]] std::size_t size() const noexcept { return cells_.size(); }

  private:
    std::vector<std::optional<std::string>> cells_;
};

/// The few places where SQLite and PostgreSQL SQL differ.
struct Dialect {
    Backend backend;
    std::string_view id_column;       ///< auto-increment primary key column definition
    std::string_view timestamp_type;  ///< TEXT (ISO-8601 UTC) / TIMESTAMPTZ
    std::string_view begin_write;     ///< BEGIN IMMEDIATE (take the write lock now) / BEGIN
    std::string_view for_update;      ///< "" / " FOR UPDATE"
    std::string_view skip_locked;     ///< "" / " FOR UPDATE SKIP LOCKED"
};

class SqlConnection {
  public:
    virtual ~SqlConnection() = default;
    /// Runs one statement; rows for SELECT / RETURNING, none otherwise.
    virtual Result<std::vector<Row>> query(std::string_view sql, std::span<const SqlValue> params = {}) = 0;
    /// Runs several statements without parameters (DDL).
    virtual Result<void> execute_script(std::string_view sql) = 0;
    /// Reopens after the connection was lost.
    virtual Result<void> reconnect() = 0;
    /// Errc::unavailable when the connection no longer reaches the database it opened (an SQLite
    /// file deleted or replaced under it); checked before every transaction.
    virtual Result<void> check_file() { return {}; }
    [[nodiscard]] virtual const Dialect& dialect() const noexcept = 0;
    [[nodiscard]] virtual std::string describe() const = 0;  ///< the redacted URL
};

/// The statement as it appears in error messages: one line, at most 120 characters.
[[nodiscard]] std::string statement_for_message(std::string_view sql);

/// Opens `url` (SQLite: WAL, busy timeout, foreign keys on; PostgreSQL: UTC session).
[[nodiscard]] Result<std::unique_ptr<SqlConnection>> open_connection(const DatabaseUrl& url);

}  // namespace plcbridge::store
