#include "store/sqlite/jobs.hpp"

#include <map>
#include <string>
#include <utility>

#include "store/sqlite/codec.hpp"
#include "store/sqlite/transaction.hpp"

namespace weft::store::sqlite {

namespace {

// A job whose lease expired (its worker died) is taken first, if its
// pipeline and workspace are below their limits of running jobs (live leases
// only). Expired leases are few, so checking each row costs little.
constexpr std::string_view kNextExpired =
    "SELECT j.execution_id, j.generation, j.payload, j.cancel_requested FROM jobs j"
    " WHERE j.owner IS NOT NULL AND j.lease_expires_at < ?1"
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

// Waiting jobs are taken from the heads of their pipelines' queues: a
// backlog held back by a limit is never walked row by row, so leasing costs
// the number of pipelines with waiting jobs, not the number of jobs.
constexpr std::string_view kRunning =
    "SELECT workspace_id, pipeline_id, COUNT(*) FROM jobs INDEXED BY jobs_by_lease"
    " WHERE owner IS NOT NULL AND lease_expires_at >= ?1 GROUP BY workspace_id, pipeline_id";

constexpr std::string_view kWorkspaceLimits =
    "SELECT workspace_id, json_extract(value, '$.run_concurrency') FROM workspace_settings"
    " WHERE key = 'runs' AND json_type(value, '$.run_concurrency') = 'integer'";

constexpr std::string_view kFirstGroup =
    "SELECT workspace_id, pipeline_id FROM jobs INDEXED BY jobs_waiting_by_pipeline"
    " WHERE owner IS NULL ORDER BY workspace_id, pipeline_id LIMIT 1";

constexpr std::string_view kNextGroup =
    "SELECT workspace_id, pipeline_id FROM jobs INDEXED BY jobs_waiting_by_pipeline"
    " WHERE owner IS NULL AND (workspace_id, pipeline_id) > (?1, ?2)"
    " ORDER BY workspace_id, pipeline_id LIMIT 1";

constexpr std::string_view kGroupHead =
    "SELECT execution_id, generation, payload, cancel_requested, priority, seq, run_concurrency"
    " FROM jobs INDEXED BY jobs_waiting_by_pipeline"
    " WHERE owner IS NULL AND workspace_id = ?1 AND pipeline_id = ?2"
    " ORDER BY priority DESC, seq LIMIT 1";

/// Pipelines with waiting jobs looked at in one lease, at most.
constexpr std::size_t kMaxGroups = 10'000;

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

namespace {

Status take(Connection& tx, const std::string& execution_id, std::string_view owner, Time expires) {
  auto statement = tx.prepare(kTake);
  if (!statement) {
    return std::move(statement).error();
  }
  statement->bind(1, execution_id).bind(2, owner);
  bind_time(*statement, 3, expires);
  return statement->run();
}

/// One pipeline's queue: its head job (if any) and what limits it.
struct Group {
  std::string workspace;
  std::string pipeline;
  std::optional<LeasedJob> head;
  std::int64_t priority = 0;
  std::int64_t seq = 0;
  std::optional<std::int64_t> run_concurrency;
};

Status read_head(Connection& tx, Group& group) {
  auto statement = tx.prepare(kGroupHead);
  if (!statement) {
    return std::move(statement).error();
  }
  statement->bind(1, group.workspace).bind(2, group.pipeline);
  auto row = statement->step();
  if (!row) {
    return std::move(row).error();
  }
  group.head.reset();
  if (*row) {
    group.head = LeasedJob{statement->string(0), statement->int64(1) + 1,
                           column_json(*statement, 2), statement->int64(3) != 0};
    group.priority = statement->int64(4);
    group.seq = statement->int64(5);
    group.run_concurrency =
        statement->is_null(6) ? std::nullopt : std::optional(statement->int64(6));
  }
  return Ok{};
}

Result<std::vector<Group>> waiting_groups(Connection& tx) {
  std::vector<Group> groups;
  auto first = tx.prepare(kFirstGroup);
  if (!first) {
    return std::move(first).error();
  }
  auto row = first->step();
  if (!row) {
    return std::move(row).error();
  }
  if (!*row) {
    return groups;
  }
  groups.push_back({first->string(0), first->string(1)});
  while (groups.size() < kMaxGroups) {
    auto next = tx.prepare(kNextGroup);
    if (!next) {
      return std::move(next).error();
    }
    next->bind(1, groups.back().workspace).bind(2, groups.back().pipeline);
    auto more = next->step();
    if (!more) {
      return std::move(more).error();
    }
    if (!*more) {
      break;
    }
    groups.push_back({next->string(0), next->string(1)});
  }
  return groups;
}

/// Takes waiting jobs, best head first, within every limit.
Status lease_waiting(Connection& tx, std::string_view owner, std::size_t max, Time now,
                     Time expires, std::vector<LeasedJob>& leased) {
  std::map<std::pair<std::string, std::string>, std::int64_t> running_by_pipeline;
  std::map<std::string, std::int64_t> running_by_workspace;
  {
    auto running = tx.prepare(kRunning);
    if (!running) {
      return std::move(running).error();
    }
    bind_time(*running, 1, now);
    for (;;) {
      auto row = running->step();
      if (!row) {
        return std::move(row).error();
      }
      if (!*row) {
        break;
      }
      const auto count = running->int64(2);
      running_by_pipeline[{running->string(0), running->string(1)}] = count;
      running_by_workspace[running->string(0)] += count;
    }
  }
  std::map<std::string, std::int64_t> workspace_limits;
  {
    auto limits = tx.prepare(kWorkspaceLimits);
    if (!limits) {
      return std::move(limits).error();
    }
    for (;;) {
      auto row = limits->step();
      if (!row) {
        return std::move(row).error();
      }
      if (!*row) {
        break;
      }
      workspace_limits[limits->string(0)] = limits->int64(1);
    }
  }
  auto groups = waiting_groups(tx);
  if (!groups) {
    return std::move(groups).error();
  }
  for (auto& group : *groups) {
    if (auto read = read_head(tx, group); !read) {
      return read;
    }
  }
  auto has_room = [&](const Group& group) {
    auto limit = workspace_limits.find(group.workspace);
    if (limit != workspace_limits.end() && running_by_workspace[group.workspace] >= limit->second) {
      return false;
    }
    return !group.run_concurrency ||
           running_by_pipeline[{group.workspace, group.pipeline}] < *group.run_concurrency;
  };
  while (leased.size() < max) {
    Group* best = nullptr;
    for (auto& group : *groups) {
      if (group.head && has_room(group) &&
          (best == nullptr || group.priority > best->priority ||
           (group.priority == best->priority && group.seq < best->seq))) {
        best = &group;
      }
    }
    if (best == nullptr) {
      break;
    }
    if (auto taken = take(tx, best->head->execution_id, owner, expires); !taken) {
      return taken;
    }
    leased.push_back(std::move(*best->head));
    ++running_by_pipeline[{best->workspace, best->pipeline}];
    ++running_by_workspace[best->workspace];
    if (auto read = read_head(tx, *best); !read) {
      return read;
    }
  }
  return Ok{};
}

}  // namespace

Result<std::vector<LeasedJob>> lease_jobs(Connection& db, std::string_view owner, std::size_t max,
                                          Time now, Time expires) {
  return in_transaction(db, [&](Connection& tx) -> Result<std::vector<LeasedJob>> {
    std::vector<LeasedJob> leased;
    while (leased.size() < max) {
      auto next = tx.prepare(kNextExpired);
      if (!next) {
        return std::move(next).error();
      }
      bind_time(*next, 1, now);
      auto row = next->step();
      if (!row) {
        return std::move(row).error();
      }
      if (!*row) {
        break;
      }
      LeasedJob job{next->string(0), next->int64(1) + 1, column_json(*next, 2),
                    next->int64(3) != 0};
      if (auto taken = take(tx, job.execution_id, owner, expires); !taken) {
        return std::move(taken).error();
      }
      leased.push_back(std::move(job));
    }
    if (leased.size() < max) {
      if (auto waiting = lease_waiting(tx, owner, max, now, expires, leased); !waiting) {
        return std::move(waiting).error();
      }
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
