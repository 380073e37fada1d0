#include "plcbridge/store/postgres_connection.hpp"

#include <libpq-fe.h>

#include <fmt/format.h>

#include "plcbridge/store/errc.hpp"

namespace plcbridge::store {
namespace {

constexpr Dialect kPostgres{Backend::postgresql, "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY",
                            "TIMESTAMPTZ",       "BEGIN",
                            " FOR UPDATE",       " FOR UPDATE SKIP LOCKED"};

struct ClearResult {
    void operator()(PGresult* r) const noexcept { PQclear(r); }
};
using ResultPtr = std::unique_ptr<PGresult, ClearResult>;

Errc classify(const PGresult* result, const PGconn* conn) {
    if (PQstatus(conn) != CONNECTION_OK) return Errc::unavailable;
    const char* state = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    if (state == nullptr) return Errc::unavailable;  // no server answer at all
    const std::string_view s(state);
    if (s.starts_with("08") || s.starts_with("57P")) return Errc::unavailable;  // connection, admin shutdown
    if (s == "40001" || s == "40P01" || s == "55P03") return Errc::busy;
    if (s.starts_with("23")) return Errc::constraint;
    return Errc::query;
}

/// libpq messages span lines ("ERROR: ...\nLINE 1: ...\n   ^"); the first says what happened.
std::string first_line(const char* message) {
    std::string m = message != nullptr ? message : "";
    m = m.substr(0, m.find('\n'));
    while (!m.empty() && m.back() == ' ')
        m.pop_back();
    return m;
}

}  // namespace

Result<std::unique_ptr<SqlConnection>> PostgresConnection::open(const DatabaseUrl& url) {
    std::unique_ptr<PostgresConnection> connection(new PostgresConnection(url));
    if (auto opened = connection->connect(); !opened) return std::move(opened).error();
    return std::unique_ptr<SqlConnection>(std::move(connection));
}

PostgresConnection::~PostgresConnection() {
    PQfinish(conn_);
}

Result<void> PostgresConnection::connect() {
    PQfinish(conn_);
    // Deadlines and quiet notices through the keyword interface on top of the URI: connecting (5 s),
    // a statement (30 s), unacknowledged data on a dead network (10 s), an idle connection whose
    // server vanished (keepalives: about 25 s). No call on the database thread waits forever.
    std::string options = "-c client_min_messages=warning -c TimeZone=UTC -c statement_timeout=30000";
    if (url_.idle_in_transaction_timeout.count() > 0)
        options += fmt::format(" -c idle_in_transaction_session_timeout={}", url_.idle_in_transaction_timeout.count());
    const char* keys[] = {
        "dbname",          "connect_timeout",     "options",          "application_name", "keepalives",
        "keepalives_idle", "keepalives_interval", "keepalives_count", "tcp_user_timeout", nullptr};
    const char* values[] = {url_.target.c_str(),
                            "5",
                            options.c_str(),
                            url_.application_name.c_str(),
                            "1",
                            "10",
                            "5",
                            "3",
                            "10000",
                            nullptr};
    conn_ = PQconnectdbParams(keys, values, 1);
    if (PQstatus(conn_) != CONNECTION_OK) {
        return make_error(Errc::unavailable, fmt::format("[database] url {}: cannot connect: {}", url_.redacted(),
                                                         first_line(PQerrorMessage(conn_))));
    }
    return {};
}

Result<void> PostgresConnection::reconnect() {
    return connect();
}

const Dialect& PostgresConnection::dialect() const noexcept {
    return kPostgres;
}

Result<std::vector<Row>> PostgresConnection::query(std::string_view sql, std::span<const SqlValue> params) {
    if (conn_ == nullptr || PQstatus(conn_) != CONNECTION_OK) {
        return make_error(Errc::unavailable, url_.redacted() + ": connection lost");
    }
    std::vector<std::string> texts(params.size());
    std::vector<const char*> values(params.size(), nullptr);
    for (std::size_t i = 0; i < params.size(); ++i) {
        const SqlValue& v = params[i];
        if (std::holds_alternative<std::monostate>(v)) continue;
        if (const auto* n = std::get_if<std::int64_t>(&v)) {
            texts[i] = std::to_string(*n);
        } else if (const auto* d = std::get_if<double>(&v)) {
            texts[i] = fmt::format("{}", *d);
        } else if (const auto* b = std::get_if<bool>(&v)) {
            texts[i] = *b ? "true" : "false";
        } else {
            texts[i] = std::get<std::string>(v);
        }
        values[i] = texts[i].c_str();
    }
    const std::string statement(sql);
    ResultPtr result(PQexecParams(conn_, statement.c_str(), static_cast<int>(params.size()), nullptr, values.data(),
                                  nullptr, nullptr, 0));
    const ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
        const char* message = result ? PQresultErrorMessage(result.get()) : PQerrorMessage(conn_);
        return make_error(classify(result.get(), conn_),
                          fmt::format("{}: {} [{}]", url_.redacted(), first_line(message), statement_for_message(sql)));
    }
    std::vector<Row> rows;
    const int n = PQntuples(result.get());
    const int columns = PQnfields(result.get());
    rows.reserve(static_cast<std::size_t>(n));
    for (int r = 0; r < n; ++r) {
        std::vector<std::optional<std::string>> cells;
        cells.reserve(static_cast<std::size_t>(columns));
        for (int c = 0; c < columns; ++c) {
            if (PQgetisnull(result.get(), r, c)) {
                cells.emplace_back(std::nullopt);
            } else {
                cells.emplace_back(std::string(PQgetvalue(result.get(), r, c),
                                               static_cast<std::size_t>(PQgetlength(result.get(), r, c))));
            }
        }
        rows.emplace_back(std::move(cells));
    }
    return rows;
}

Result<void> PostgresConnection::execute_script(std::string_view sql) {
    if (conn_ == nullptr || PQstatus(conn_) != CONNECTION_OK) {
        return make_error(Errc::unavailable, url_.redacted() + ": connection lost");
    }
    const std::string text(sql);
    ResultPtr result(PQexec(conn_, text.c_str()));
    const ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
        const char* message = result ? PQresultErrorMessage(result.get()) : PQerrorMessage(conn_);
        return make_error(classify(result.get(), conn_),
                          fmt::format("{}: {} [{}]", url_.redacted(), first_line(message), statement_for_message(sql)));
    }
    return {};
}

}  // namespace plcbridge::store
