#include "plcbridge/store/sqlite_connection.hpp"

#include <sqlite3.h>
#include <sys/stat.h>

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
        // A read-only answer on a connection that was opened read-write means the file, its -wal or
        // its folder lost write permission under us (chattr +i, a remount): reopening heals it once
        // the file is writable again, so it is an outage, not a bug in the statement.
        case SQLITE_READONLY:
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
    if (auto opened = connection->connect(Create::if_missing); !opened) return std::move(opened).error();
    return std::unique_ptr<SqlConnection>(std::move(connection));
}

SqliteConnection::~SqliteConnection() {
    sqlite3_close_v2(db_);
}

Result<void> SqliteConnection::connect(Create create) {
    sqlite3_close_v2(db_);
    db_ = nullptr;
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX;
    if (create == Create::if_missing) flags |= SQLITE_OPEN_CREATE;
    const int rc = sqlite3_open_v2(url_.target.c_str(), &db_, flags, nullptr);
    if (rc != SQLITE_OK) {
        std::string why = db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
        sqlite3_close_v2(db_);
        db_ = nullptr;
        if (create == Create::never && !FileIdentity::of(url_.target)) {
            return make_error(
                Errc::unavailable,
                fmt::format("[database] url {}: the database file is gone (deleted while plcbridge ran?): "
                            "restore it from a backup, or restart plcbridge to start an empty database "
                            "(the batches that were in it are then lost)",
                            url_.redacted()));
        }
        return make_error(
            Errc::unavailable,
            fmt::format("[database] url {}: cannot open: {} (check the path and its folder's permissions)",
                        url_.redacted(), why));
    }
    // SQLite falls back to read-only when the file is not writable, and such a connection would
    // refuse every write until a restart: an open that did not get write access is a failed open.
    if (sqlite3_db_readonly(db_, "main") == 1) {
        sqlite3_close_v2(db_);
        db_ = nullptr;
        return make_error(Errc::unavailable,
                          fmt::format("[database] url {}: opened read-only: the file, its -wal/-shm or its folder is "
                                      "not writable (permissions, chattr +i, a read-only mount); writes wait until it "
                                      "is writable again",
                                      url_.redacted()));
    }
    sqlite3_busy_timeout(db_, kBusyTimeoutMs);
    if (auto set = execute_script("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"); !set)
        return set;
    opened_file_ = FileIdentity::of(url_.target);
    opened_wal_ = FileIdentity::of(url_.target + "-wal");
    return {};
}

Result<void> SqliteConnection::reconnect() {
    // Never create the file here: a database deleted under a running service must stay an outage
    // the operator sees, not turn into an empty database that forgets the active batches.
    return connect(Create::never);
}

Result<void> SqliteConnection::check_file() {
    if (db_ == nullptr || !opened_file_) return {};  // not open (reconnect reports), or an in-memory database
    const auto now = FileIdentity::of(url_.target);
    if (!now || *now != *opened_file_) {
        return make_error(Errc::unavailable,
                          fmt::format("[database] url {}: the database file was {} while plcbridge had it open; "
                                      "nothing is written until it is back (restore it, or restart plcbridge to "
                                      "start an empty database)",
                                      url_.redacted(), now ? "replaced" : "deleted"));
    }
    // WAL mode keeps the -wal file for as long as a connection is open; writes that go into a
    // deleted -wal would be lost at the next checkpoint.
    const auto wal = FileIdentity::of(url_.target + "-wal");
    if (!opened_wal_) {
        opened_wal_ = wal;
    } else if (!wal || *wal != *opened_wal_) {
        return make_error(Errc::unavailable,
                          fmt::format("[database] url {}: the database's -wal file was {} while plcbridge had it "
                                      "open; reopening",
                                      url_.redacted(), wal ? "replaced" : "deleted"));
    }
    return {};
}

std::optional<SqliteConnection::FileIdentity> SqliteConnection::FileIdentity::of(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return std::nullopt;
    return FileIdentity{st.st_dev, st.st_ino};
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
