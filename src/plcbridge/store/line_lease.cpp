#include "plcbridge/store/line_lease.hpp"

#include <fmt/format.h>

#include "plcbridge/store/errc.hpp"
#include "plcbridge/store/sql_rows.hpp"

namespace plcbridge::store {

namespace {
std::int64_t millis(std::chrono::milliseconds d) {
    return std::int64_t{d.count()};
}

/// One statement whose rows do not matter.
Result<void> execute(SqlConnection& c, std::string_view sql, std::span<const SqlValue> params) {
    auto rows = c.query(sql, params);
    if (!rows) return std::move(rows).error();
    return {};
}
}  // namespace

Result<std::optional<std::int64_t>> take_lease(SqlConnection& c, const InstanceIdentity& me,
                                               std::chrono::milliseconds lease) {
    // Free (no row), expired, or ours already: take it with the next epoch. Otherwise no row comes back.
    const SqlValue params[] = {std::int64_t{me.line}, me.name, millis(lease)};
    auto rows = c.query(
        "INSERT INTO line_leader (line, epoch, holder, since, lease_until) "
        "VALUES ($1::int, 1, $2, now(), now() + $3::bigint * interval '1 millisecond') "
        "ON CONFLICT (line) DO UPDATE SET epoch = line_leader.epoch + 1, holder = EXCLUDED.holder, "
        "since = EXCLUDED.since, lease_until = EXCLUDED.lease_until "
        "WHERE line_leader.lease_until < now() OR line_leader.holder = EXCLUDED.holder "
        "RETURNING epoch",
        params);
    if (!rows) return std::move(rows).error();
    if (rows->empty()) return std::optional<std::int64_t>{};
    return std::optional<std::int64_t>{rows->front().integer(0)};
}

Result<bool> renew_lease(SqlConnection& c, const InstanceIdentity& me, std::int64_t epoch,
                         std::chrono::milliseconds lease) {
    const SqlValue params[] = {std::int64_t{me.line}, me.name, epoch, millis(lease)};
    auto rows = c.query(
        "UPDATE line_leader SET lease_until = now() + $4::bigint * interval '1 millisecond' "
        "WHERE line = $1::int AND holder = $2 AND epoch = $3::bigint RETURNING epoch",
        params);
    if (!rows) return std::move(rows).error();
    return !rows->empty();
}

Result<void> release_lease(SqlConnection& c, const InstanceIdentity& me, std::int64_t epoch) {
    const SqlValue params[] = {std::int64_t{me.line}, me.name, epoch};
    return execute(c,
                   "UPDATE line_leader SET lease_until = now() - interval '1 millisecond' "
                   "WHERE line = $1::int AND holder = $2 AND epoch = $3::bigint",
                   params);
}

Result<void> note_instance(SqlConnection& c, const InstanceIdentity& me) {
    const SqlValue params[] = {me.name, std::int64_t{me.line}, std::int64_t{me.fins_node}, me.api};
    return execute(c,
                   "INSERT INTO bridge_instance (instance, line, fins_node, api, started_at, seen_at) "
                   "VALUES ($1, $2::int, $3::int, $4, now(), now()) "
                   "ON CONFLICT (instance, line) DO UPDATE SET fins_node = EXCLUDED.fins_node, "
                   "api = EXCLUDED.api, seen_at = EXCLUDED.seen_at",
                   params);
}

Result<void> forget_instance(SqlConnection& c, const InstanceIdentity& me) {
    const SqlValue params[] = {me.name, std::int64_t{me.line}};
    return execute(c, "DELETE FROM bridge_instance WHERE instance = $1 AND line = $2::int", params);
}

Result<LineLeadership> read_leadership(SqlConnection& c, int line, std::chrono::milliseconds seen_within) {
    LineLeadership out;
    out.line = line;
    auto clock = c.query("SELECT now()");
    if (!clock) return std::move(clock).error();
    out.read_at = time_from(clock->at(0), 0);
    const SqlValue by_line[] = {std::int64_t{line}};
    auto leader = c.query("SELECT holder, epoch, since, lease_until FROM line_leader WHERE line = $1::int", by_line);
    if (!leader) return std::move(leader).error();
    if (!leader->empty()) {
        const Row& r = leader->front();
        out.leader = LeaseHolder{r.text(0), r.integer(1), time_from(r, 2), time_from(r, 3)};
    }
    const SqlValue seen[] = {std::int64_t{line}, millis(seen_within)};
    auto instances = c.query(
        "SELECT instance, fins_node, api, started_at, seen_at FROM bridge_instance "
        "WHERE line = $1::int AND seen_at > now() - $2::bigint * interval '1 millisecond' ORDER BY instance",
        seen);
    if (!instances) return std::move(instances).error();
    for (const Row& r : *instances)
        out.instances.push_back(
            InstanceSeen{r.text(0), static_cast<int>(r.integer(1)), r.text(2), time_from(r, 3), time_from(r, 4)});
    return out;
}

Result<void> check_fence(SqlConnection& c, int line, std::int64_t epoch) {
    const SqlValue params[] = {std::int64_t{line}};
    auto rows = c.query("SELECT epoch, holder FROM line_leader WHERE line = $1::int FOR SHARE", params);
    if (!rows) return std::move(rows).error();
    if (!rows->empty() && rows->front().integer(0) == epoch && epoch != 0) return {};
    const std::string now_held = rows->empty() ? std::string("nobody holds its lease")
                                               : fmt::format("its lease is at epoch {}, held by {}",
                                                             rows->front().integer(0), rows->front().text(1));
    return make_error(Errc::fenced, fmt::format("line {}: this instance's epoch is {} but {}; nothing was written "
                                                "(the line's leader does this work)",
                                                line, epoch, now_held));
}

}  // namespace plcbridge::store
