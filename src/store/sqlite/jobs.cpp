#include "store/sqlite/jobs.hpp"

#include <array>
#include <string>

#include "store/sqlite/codec.hpp"
#include "store/sqlite/transaction.hpp"

namespace weft::store::sqlite {

namespace {

// The next job a worker may start, in two steps so that each walks an index
// rather than every job: first a job whose lease expired (its worker died; it
// was running, so it goes first), then the first waiting one in priority and
// FIFO order. Either way its pipeline and its workspace must be below their
// limits of running jobs (live leases only). The workspace's limit is read
// where it is kept, so a change to it counts from the next lease on.
constexpr std::string_view kJobLimits =
    "   AND (j.run_concurrency IS NULL OR (SELECT COUNT(*) FROM jobs r"
    "        WHERE r.workspace_id = j.workspace_id AND r.pipeline_id = j.pipeline_id"
    "          AND r.owner IS NOT NULL AND r.lease_expires_at >= ?1) < j.run_concurrency)"
    "   AND NOT EXISTS (SELECT 1 FROM workspace_settings s"
    "        WHERE s.workspace_id = j.workspace_id AND s.key = 'runs'"
    "          AND json_extract(s.value, '$.run_concurrency') IS NOT NULL"
    "          AND (SELECT COUNT(*) FROM jobs r WHERE r.workspace_id = j.workspace_id"
    "               AND r.owner IS NOT NULL AND r.lease_expires_at >= ?1)"
    "              >= json_extract(s.value, '$.run_concurrency'))"
    " ORDER BY j.priority DESC, j.seq LIMIT 1";

std::string next_job_query(std::string_view where) {
  return "SELECT j.execution_id, j.generation, j.payload, j.cancel_requested FROM jobs j" +
         std::string(where) + std::string(kJobLimits);
}

/// Expired leases first, then waiting jobs.
const std::array<std::string, 2>& next_job_queries() {
  static const std::array<std::string, 2> queries{
      next_job_query(" WHERE j.owner IS NOT NULL AND j.lease_expires_at < ?1"),
      next_job_query(" INDEXED BY jobs_waiting WHERE j.owner IS NULL")};
  return queries;
}

constexpr std::string_view kTake =
    "UPDATE jobs SET owner = ?2, lease_expires_at = ?3, generation = generation + 1"
    " WHERE execution_id = ?1";

constexpr std::string_view kRenew = "UPDATE jobs SET lease_expires_at = ?2 WHERE owner = ?1";

constexpr std::string_view kExpireAll =
    "UPDATE jobs SET lease_expires_at = 0 WHERE owner IS NOT NULL";

constexpr std::string_view kRemoveWaiting =
    "DELETE FROM jobs WHERE workspace_id = ?1 AND execution_id = ?2 AND owner IS NULL";

constexpr std::string_view kRequestCancel =
    "UPDATE jobs SET cancel_requested = 1"
    " WHERE workspace_id = ?1 AND execution_id = ?2 AND owner IS NOT NULL";

constexpr std::string_view kToCancel =
    "SELECT workspace_id, execution_id FROM jobs WHERE owner = ?1 AND cancel_requested = 1";

constexpr std::string_view kPosition =
    "SELECT (SELECT COUNT(*) FROM jobs o WHERE o.workspace_id = j.workspace_id"
    "   AND o.owner IS NULL AND (o.priority > j.priority OR"
    "   (o.priority = j.priority AND o.seq <= j.seq)))"
    " FROM jobs j WHERE j.workspace_id = ?1 AND j.execution_id = ?2 AND j.owner IS NULL";

constexpr std::string_view kCounts =
    "SELECT pipeline_id,"
    " SUM(CASE WHEN owner IS NULL OR lease_expires_at < ?2 THEN 1 ELSE 0 END),"
    " SUM(CASE WHEN owner IS NOT NULL AND lease_expires_at >= ?2 THEN 1 ELSE 0 END)"
    " FROM jobs WHERE workspace_id = ?1 GROUP BY pipeline_id ORDER BY pipeline_id";

Result<std::int64_t> run_counting(Connection& db, Statement& statement) {
  if (auto done = statement.run(); !done) {
    return std::move(done).error();
  }
  return db.changes();
}

}  // namespace

Result<std::vector<LeasedJob>> lease_jobs(Connection& db, std::string_view owner, std::size_t max,
                                          Time now, Time expires) {
  return in_transaction(db, [&](Connection& tx) -> Result<std::vector<LeasedJob>> {
    std::vector<LeasedJob> leased;
    while (leased.size() < max) {
      std::optional<LeasedJob> found;
      for (const std::string& query : next_job_queries()) {
        auto next = tx.prepare(query);
        if (!next) {
          return std::move(next).error();
        }
        bind_time(*next, 1, now);
        auto row = next->step();
        if (!row) {
          return std::move(row).error();
        }
        if (*row) {
          found = LeasedJob{next->string(0), next->int64(1) + 1, column_json(*next, 2),
                            next->int64(3) != 0};
          break;
        }
      }
      if (!found) {
        break;
      }
      LeasedJob job = std::move(*found);
      auto take = tx.prepare(kTake);
      if (!take) {
        return std::move(take).error();
      }
      take->bind(1, job.execution_id).bind(2, owner);
      bind_time(*take, 3, expires);
      if (auto taken = take->run(); !taken) {
        return std::move(taken).error();
      }
      leased.push_back(std::move(job));
    }
    return leased;
  });
}

Result<std::int64_t> renew_leases(Connection& db, std::string_view owner, Time expires) {
  auto statement = db.prepare(kRenew);
  if (!statement) {
    return std::move(statement).error();
  }
  statement->bind(1, owner);
  bind_time(*statement, 2, expires);
  return run_counting(db, *statement);
}

Result<std::int64_t> expire_all_leases(Connection& db) {
  auto statement = db.prepare(kExpireAll);
  if (!statement) {
    return std::move(statement).error();
  }
  return run_counting(db, *statement);
}

Result<bool> remove_waiting_job(Connection& db, std::string_view workspace,
                                std::string_view execution_id) {
  auto statement = db.prepare(kRemoveWaiting);
  if (!statement) {
    return std::move(statement).error();
  }
  statement->bind(1, workspace).bind(2, execution_id);
  auto removed = run_counting(db, *statement);
  if (!removed) {
    return std::move(removed).error();
  }
  return *removed > 0;
}

Result<bool> request_job_cancel(Connection& db, std::string_view workspace,
                                std::string_view execution_id) {
  auto statement = db.prepare(kRequestCancel);
  if (!statement) {
    return std::move(statement).error();
  }
  statement->bind(1, workspace).bind(2, execution_id);
  auto marked = run_counting(db, *statement);
  if (!marked) {
    return std::move(marked).error();
  }
  return *marked > 0;
}

Result<std::vector<JobToCancel>> jobs_to_cancel(Connection& db, std::string_view owner) {
  auto statement = db.prepare(kToCancel);
  if (!statement) {
    return std::move(statement).error();
  }
  statement->bind(1, owner);
  return collect_rows<JobToCancel>(*statement, [](const Statement& row) {
    return JobToCancel{row.string(0), row.string(1)};
  });
}

Result<std::optional<std::int64_t>> queue_position(Connection& db, std::string_view workspace,
                                                   std::string_view execution_id) {
  auto statement = db.prepare(kPosition);
  if (!statement) {
    return std::move(statement).error();
  }
  statement->bind(1, workspace).bind(2, execution_id);
  auto row = statement->step();
  if (!row) {
    return std::move(row).error();
  }
  return *row ? std::optional<std::int64_t>(statement->int64(0)) : std::nullopt;
}

Result<std::vector<QueueCount>> queue_counts(Connection& db, std::string_view workspace, Time now) {
  auto statement = db.prepare(kCounts);
  if (!statement) {
    return std::move(statement).error();
  }
  statement->bind(1, workspace);
  bind_time(*statement, 2, now);
  return collect_rows<QueueCount>(*statement, [](const Statement& row) {
    return QueueCount{row.string(0), row.int64(1), row.int64(2)};
  });
}

}  // namespace weft::store::sqlite
