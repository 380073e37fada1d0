// SqlRepository: the console's accounts and the append-only audit trail.
#include <algorithm>

#include <fmt/format.h>

#include "plcbridge/store/errc.hpp"
#include "plcbridge/store/sql_repository.hpp"
#include "plcbridge/store/sql_rows.hpp"

namespace plcbridge::store {

namespace {

constexpr std::string_view kAccountColumns = "id, username, role, password_hash, disabled, created_at, updated_at";

OperatorAccount account_from_row(const Row& r) {
    return OperatorAccount{r.integer(0), r.text(1),       r.text(2),      r.text(3),
                           r.boolean(4), time_from(r, 5), time_from(r, 6)};
}

}  // namespace

Result<std::int64_t> SqlRepository::add_operator(const OperatorAccount& a, TimePoint now) {
    return transaction<std::int64_t>(
        [&](SqlConnection& c) -> Result<std::int64_t> {
            const std::string at = to_db_time(now);
            const SqlValue params[] = {a.username, a.role, a.password_hash, a.disabled, at};
            auto rows = c.query(
                "INSERT INTO operator_account (username, role, password_hash, disabled, created_at, updated_at) "
                "VALUES ($1, $2, $3, $4, $5, $5) RETURNING id",
                params);
            if (!rows) {
                Error e = std::move(rows).error();
                if (e.code == Errc::constraint)
                    e.detail = fmt::format("an account named '{}' exists already", a.username);
                return e;
            }
            return rows->at(0).integer(0);
        },
        Access::shared_write);
}

Result<void> SqlRepository::change_operator(const std::string& username, const OperatorChange& change, TimePoint now) {
    return transaction<void>(
        [&](SqlConnection& c) -> Result<void> {
            const SqlValue params[] = {username, change.role ? SqlValue{*change.role} : SqlValue{},
                                       change.password_hash ? SqlValue{*change.password_hash} : SqlValue{},
                                       change.disabled ? SqlValue{*change.disabled} : SqlValue{}, to_db_time(now)};
            auto rows = c.query(
                "UPDATE operator_account SET role = COALESCE($2, role), password_hash = COALESCE($3, password_hash), "
                "disabled = COALESCE($4, disabled), updated_at = $5 WHERE username = $1 RETURNING id",
                params);
            if (!rows) return std::move(rows).error();
            if (rows->empty()) return make_error(Errc::not_found, fmt::format("no account named '{}'", username));
            return {};
        },
        Access::shared_write);
}

Result<std::optional<OperatorAccount>> SqlRepository::find_operator(const std::string& username) {
    return transaction<std::optional<OperatorAccount>>(
        [&](SqlConnection& c) -> Result<std::optional<OperatorAccount>> {
            const SqlValue params[] = {username};
            auto rows =
                c.query(fmt::format("SELECT {} FROM operator_account WHERE username = $1", kAccountColumns), params);
            if (!rows) return std::move(rows).error();
            if (rows->empty()) return std::optional<OperatorAccount>{};
            return std::optional<OperatorAccount>{account_from_row(rows->front())};
        },
        Access::read);
}

Result<std::vector<OperatorAccount>> SqlRepository::operators() {
    return transaction<std::vector<OperatorAccount>>(
        [&](SqlConnection& c) -> Result<std::vector<OperatorAccount>> {
            auto rows = c.query(fmt::format("SELECT {} FROM operator_account ORDER BY username", kAccountColumns));
            if (!rows) return std::move(rows).error();
            std::vector<OperatorAccount> out;
            for (const Row& r : *rows)
                out.push_back(account_from_row(r));
            return out;
        },
        Access::read);
}

Result<std::int64_t> SqlRepository::append_audit(const AuditEntry& e) {
    return transaction<std::int64_t>(
        [&](SqlConnection& c) -> Result<std::int64_t> {
            const SqlValue params[] = {to_db_time(e.at), e.actor, e.action, e.target, e.reason, e.outcome};
            auto rows = c.query(
                "INSERT INTO audit_log (at, actor, action, target, reason, outcome) VALUES ($1, $2, $3, $4, $5, $6) "
                "RETURNING id",
                params);
            if (!rows) return std::move(rows).error();
            return rows->at(0).integer(0);
        },
        Access::shared_write);
}

Result<std::vector<AuditEntry>> SqlRepository::audit_entries(const AuditFilter& filter) {
    return transaction<std::vector<AuditEntry>>(
        [&](SqlConnection& c) -> Result<std::vector<AuditEntry>> {
            const SqlValue params[] = {
                filter.actor ? SqlValue{*filter.actor} : SqlValue{},
                filter.action ? SqlValue{*filter.action} : SqlValue{},
                std::int64_t{std::clamp(filter.limit, 1, 1000)},
                std::int64_t{std::max(filter.offset, 0)},
            };
            auto rows = c.query(
                "SELECT id, at, actor, action, target, reason, outcome FROM audit_log "
                "WHERE (CAST($1 AS TEXT) IS NULL OR actor = $1) AND (CAST($2 AS TEXT) IS NULL OR action = $2) "
                "ORDER BY at DESC, id DESC LIMIT $3 OFFSET $4",
                params);
            if (!rows) return std::move(rows).error();
            std::vector<AuditEntry> out;
            for (const Row& r : *rows)
                out.push_back(
                    AuditEntry{r.integer(0), time_from(r, 1), r.text(2), r.text(3), r.text(4), r.text(5), r.text(6)});
            return out;
        },
        Access::read);
}

}  // namespace plcbridge::store
