#include "plcbridge/store/sqlite_connection.hpp"

#include <sqlite3.h>

#include <fmt/format.h>

#include "plcbridge/store/errc.hpp"

namespace plcbridge::store {
namespace {

constexpr Dialect kSqlite{Backend::sqlite, "INTEGER PRIMARY KEY AUTOINCREMENT", "TEXT", "BEGIN IMMEDIATE", "", ""};
constexpr int kBusyTimeoutMs = 5000;

/// Statement finalizer for unique_ptr.
struct Finalize {
    void operator()(sqlite3_stmt* s) const noexcept { sqlite3_finalize(s); }
};

Errc classify(int code) {
    switch (code & 0xFF) {
        case SQLITE_BUSY:
        case SQLITE_LOCKED: return Errc::busy;
        case SQLITE_CONSTRAINT: return Errc::constraint;
        case SQLITE_IOERR:
        case SQLITE_CANTOPEN:
        case SQLITE_FULL:
        case SQLITE_NOTADB:
        case SQLITE_CORRUPT: return Errc::unavailable;
        default: return Errc::query;
    }
}

}  // namespace

Result<std::unique_ptr<SqlConnection>> SqliteConnection::open(const DatabaseUrl& url) {
    std::unique_ptr<SqliteConnection> connection(new SqliteConnection(url));
    if (auto opened = connection->connect(); !opened) return std::move(opened).error();
    return std::unique_ptr<SqlConnection>(std::move(connection));
}

SqliteConnection::~SqliteConnection() {
    sqlite3_close_v2(db_);
}

Result<void> SqliteConnection::connect() {
    sqlite3_close_v2(db_);
    db_ = nullptr;
    const int rc = sqlite3_open_v2(url_.target.c_str(), &db_,
                                   SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        std::string why = db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
        sqlite3_close_v2(db_);
        db_ = nullptr;
        return make_error(
            Errc::unavailable,
            fmt::format("[database] url {}: cannot open: {} (check the path and its folder's permissions)",
                        url_.redacted(), why));
    }
    sqlite3_busy_timeout(db_, kBusyTimeoutMs);
    return execute_script("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;");
}

Result<void> SqliteConnection::reconnect() {
    return connect();
}

const Dialect& SqliteConnection::dialect() const noexcept {
    return kSqlite;
}

Error SqliteConnection::error_from(int code, std::string_view sql) const {
    return make_error(classify(code), fmt::format("{}: {} [{}]", url_.redacted(),
                                                  db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(code),
                                                  statement_for_message(sql)));
}

Result<std::vector<Row>> SqliteConnection::query(std::string_view sql, std::span<const SqlValue> params) {
    if (db_ == nullptr) return make_error(Errc::unavailable, url_.redacted() + ": not open");
    sqlite3_stmt* raw = nullptr;
    int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &raw, nullptr);
    std::unique_ptr<sqlite3_stmt, Finalize> stmt(raw);
    if (rc != SQLITE_OK) return error_from(rc, sql);

    for (std::size_t i = 0; i < params.size(); ++i) {
        // "$1" is a named parameter to SQLite; bind by name so a placeholder may repeat.
        const std::string name = "$" + std::to_string(i + 1);
        const int index = sqlite3_bind_parameter_index(stmt.get(), name.c_str());
        if (index == 0) continue;  // not used by this statement
        const SqlValue& v = params[i];
        if (std::holds_alternative<std::monostate>(v)) {
            rc = sqlite3_bind_null(stmt.get(), index);
        } else if (const auto* n = std::get_if<std::int64_t>(&v)) {
            rc = sqlite3_bind_int64(stmt.get(), index, *n);
        } else if (const auto* d = std::get_if<double>(&v)) {
            rc = sqlite3_bind_double(stmt.get(), index, *d);
        } else if (const auto* b = std::get_if<bool>(&v)) {
            rc = sqlite3_bind_int(stmt.get(), index, *b ? 1 : 0);
        } else {
            const auto& s = std::get<std::string>(v);
            rc = sqlite3_bind_text(stmt.get(), index, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
        }
        if (rc != SQLITE_OK) return error_from(rc, sql);
    }

    std::vector<Row> rows;
    while ((rc = sqlite3_step(stmt.get())) == SQLITE_ROW) {
        const int columns = sqlite3_column_count(stmt.get());
        std::vector<std::optional<std::string>> cells;
        cells.reserve(static_cast<std::size_t>(columns));
        for (int c = 0; c < columns; ++c) {
            if (sqlite3_column_type(stmt.get(), c) == SQLITE_NULL) {
                cells.emplace_back(std::nullopt);
            } else {
                const auto* text = sqlite3_column_text(stmt.get(), c);
                cells.emplace_back(std::string(reinterpret_cast<const char*>(text),
                                               static_cast<std::size_t>(sqlite3_column_bytes(stmt.get(), c))));
            }
        }
        rows.emplace_back(std::move(cells));
    }
    if (rc != SQLITE_DONE) return error_from(rc, sql);
    return rows;
}

Result<void> SqliteConnection::execute_script(std::string_view sql) {
    if (db_ == nullptr) return make_error(Errc::unavailable, url_.redacted() + ": not open");
    char* message = nullptr;
    const std::string text(sql);
    const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
        Error e =
            make_error(classify(rc), fmt::format("{}: {} [{}]", url_.redacted(), message ? message : sqlite3_errstr(rc),
                                                 statement_for_message(sql)));
        sqlite3_free(message);
        return e;
    }
    return {};
}

}  // namespace plcbridge::store
