// SqlRepository: the durable Odoo job table (claim with a lease, record outcomes).
#include <fmt/format.h>

#include "plcbridge/store/errc.hpp"
#include "plcbridge/store/sql_repository.hpp"
#include "plcbridge/store/sql_rows.hpp"

namespace plcbridge::store {

Result<std::int64_t> SqlRepository::create_job(JobKind kind, std::optional<std::int64_t> batch_id,
                                               const std::string& mo_id, const std::string& payload, TimePoint now) {
    return transaction<std::int64_t>([&](SqlConnection& c) -> Result<std::int64_t> {
        const std::string at = to_db_time(now);
        const SqlValue params[] = {std::string(job_kind_name(kind)),
                                   batch_id ? SqlValue{*batch_id} : SqlValue{},
                                   mo_id,
                                   payload,
                                   at,
                                   std::int64_t{line_}};
        auto rows = c.query(
            "INSERT INTO odoo_job (kind, batch_id, mo_id, state, payload, next_attempt_at, created_at, updated_at, "
            "line) VALUES ($1, $2, $3, 'pending', $4, $5, $5, $5, $6) RETURNING id",
            params);
        if (!rows) return std::move(rows).error();
        return rows->at(0).integer(0);
    });
}

Result<std::vector<Job>> SqlRepository::load_jobs(std::string_view where, std::span<const SqlValue> params) {
    auto rows = connection_->query(fmt::format("SELECT {} FROM odoo_job {} ORDER BY id", kJobColumns, where), params);
    if (!rows) return std::move(rows).error();
    std::vector<Job> jobs;
    for (const Row& r : *rows)
        jobs.push_back(job_from_row(r));
    return jobs;
}

Result<std::vector<Job>> SqlRepository::claim_due_jobs(const std::string& worker, TimePoint now,
                                                       std::chrono::milliseconds lease, int limit,
                                                       std::optional<JobKind> kind) {
    return transaction<std::vector<Job>>([&](SqlConnection& c) -> Result<std::vector<Job>> {
        const SqlValue params[] = {worker,
                                   to_db_time(now + lease),
                                   to_db_time(now),
                                   std::int64_t{limit},
                                   kind ? SqlValue{std::string(job_kind_name(*kind))} : SqlValue{},
                                   std::int64_t{line_}};
        // PostgreSQL: SKIP LOCKED lets concurrent workers take different rows; SQLite: BEGIN
        // IMMEDIATE already serialises writers.
        auto rows = c.query(
            fmt::format("UPDATE odoo_job SET claimed_by = $1, lease_until = $2, updated_at = $3 "
                        "WHERE id IN (SELECT id FROM odoo_job WHERE line = $6 AND state IN ('pending', 'odoo_done') "
                        "AND next_attempt_at <= $3 AND (lease_until IS NULL OR lease_until < $3 OR claimed_by = $1) "
                        "AND (CAST($5 AS TEXT) IS NULL OR kind = $5) "
                        "ORDER BY next_attempt_at, id LIMIT $4{}) RETURNING {}",
                        c.dialect().skip_locked, kJobColumns),
            params);
        if (!rows) return std::move(rows).error();
        std::vector<Job> jobs;
        for (const Row& r : *rows)
            jobs.push_back(job_from_row(r));
        std::sort(jobs.begin(), jobs.end(), [](const Job& a, const Job& b) { return a.id < b.id; });
        return jobs;
    });
}

Result<std::optional<Job>> SqlRepository::claim_job(std::int64_t job_id, const std::string& worker, TimePoint now,
                                                    std::chrono::milliseconds lease) {
    return transaction<std::optional<Job>>([&](SqlConnection& c) -> Result<std::optional<Job>> {
        const SqlValue params[] = {job_id, worker, to_db_time(now + lease), to_db_time(now)};
        auto rows = c.query(fmt::format("UPDATE odoo_job SET claimed_by = $2, lease_until = $3, updated_at = $4 "
                                        "WHERE id = $1 AND state IN ('pending', 'odoo_done') "
                                        "AND (lease_until IS NULL OR lease_until < $4 OR claimed_by = $2) RETURNING {}",
                                        kJobColumns),
                            params);
        if (!rows) return std::move(rows).error();
        if (rows->empty()) return std::optional<Job>();
        return std::optional<Job>(job_from_row(rows->front()));
    });
}

Result<void> SqlRepository::record_attempt(std::int64_t job_id, const std::string& worker, const JobOutcome& outcome,
                                           TimePoint now) {
    return transaction<void>([&](SqlConnection& c) -> Result<void> {
        const std::string at = to_db_time(now);
        const SqlValue params[] = {job_id,
                                   worker,
                                   std::string(job_state_name(outcome.state)),
                                   outcome.error,
                                   to_db_time(outcome.next_attempt_at.value_or(now)),
                                   at};
        auto rows = c.query(
            "UPDATE odoo_job SET state = $3, last_error = $4, next_attempt_at = $5, attempts = attempts + 1, "
            "lease_until = NULL, claimed_by = '', updated_at = $6 WHERE id = $1 AND claimed_by = $2 RETURNING id",
            params);
        if (!rows) return std::move(rows).error();
        if (rows->empty()) {
            return make_error(Errc::conflict, fmt::format("job {} is not leased to {} any more", job_id, worker));
        }
        return {};
    });
}

Result<std::vector<Job>> SqlRepository::jobs_for_batch(std::int64_t batch_id) {
    return transaction<std::vector<Job>>(
        [&](SqlConnection&) {
            const SqlValue params[] = {batch_id};
            return load_jobs("WHERE batch_id = $1", params);
        },
        Access::read);
}

Result<Job> SqlRepository::retry_job(std::int64_t job_id, TimePoint now) {
    return transaction<Job>([&](SqlConnection& c) -> Result<Job> {
        const SqlValue params[] = {job_id, to_db_time(now), std::int64_t{line_}};
        auto updated = c.query(
            "UPDATE odoo_job SET state = 'pending', next_attempt_at = $2, lease_until = NULL, claimed_by = '', "
            "updated_at = $2 WHERE id = $1 AND line = $3 AND state IN ('refused', 'needs_attention') RETURNING id",
            params);
        if (!updated) {
            Error e = std::move(updated).error();
            // The one-open-job-per-batch index: another job of this kind is already under way.
            if (e.code == Errc::constraint) {
                return make_error(
                    Errc::conflict,
                    fmt::format("job {}: another job of its kind for the same batch is under way", job_id));
            }
            return e;
        }
        const SqlValue id[] = {job_id};
        if (updated->empty()) {
            const SqlValue id_on_line[] = {job_id, std::int64_t{line_}};
            auto exists = c.query("SELECT state FROM odoo_job WHERE id = $1 AND line = $2", id_on_line);
            if (!exists) return std::move(exists).error();
            if (exists->empty())
                return make_error(Errc::not_found, fmt::format("no Odoo job with id {} on line {}", job_id, line_));
            return make_error(Errc::conflict,
                              fmt::format("job {} is {}, not refused or needing attention: nothing to retry", job_id,
                                          exists->front().text(0)));
        }
        auto jobs = load_jobs("WHERE id = $1", id);
        if (!jobs) return std::move(jobs).error();
        return jobs->at(0);
    });
}

Result<std::vector<Job>> SqlRepository::jobs_in_state(JobState state) {
    return transaction<std::vector<Job>>(
        [&](SqlConnection&) {
            const SqlValue params[] = {std::string(job_state_name(state)), std::int64_t{line_}};
            return load_jobs("WHERE state = $1 AND line = $2", params);
        },
        Access::read);
}

}  // namespace plcbridge::store
