#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "store/sqlite/codec.hpp"
#include "store/sqlite/housekeeping.hpp"
#include "store/sqlite/transaction.hpp"

namespace weft::store::sqlite {

namespace {

constexpr std::int64_t kMsPerDay = 24 * 60 * 60 * 1000;

// Loose index scans: one index probe per distinct value, not a full scan.
constexpr std::string_view kNextWorkspace =
    "SELECT workspace_id FROM executions WHERE workspace_id > ?1"
    " ORDER BY workspace_id LIMIT 1";
constexpr std::string_view kNextPipeline =
    "SELECT pipeline_id FROM executions WHERE workspace_id = ?1 AND pipeline_id > ?2"
    " ORDER BY pipeline_id LIMIT 1";

constexpr std::string_view kOlderThan =
    "SELECT id FROM executions WHERE workspace_id = ?1 AND created_at < ?2"
    " AND status NOT IN ('queued', 'running') ORDER BY created_at, id LIMIT ?3";
constexpr std::string_view kNthNewest =
    "SELECT created_at, id FROM executions WHERE workspace_id = ?1 AND pipeline_id = ?2"
    " ORDER BY created_at DESC, id DESC LIMIT 1 OFFSET ?3";
constexpr std::string_view kOlderThanNth =
    "SELECT id FROM executions WHERE workspace_id = ?1 AND pipeline_id = ?2"
    " AND (created_at < ?3 OR (created_at = ?3 AND id < ?4))"
    " AND status NOT IN ('queued', 'running') ORDER BY created_at, id LIMIT ?5";

constexpr std::string_view kDeleteNodeRuns =
    "DELETE FROM node_runs WHERE workspace_id = ?1 AND execution_id = ?2";
constexpr std::string_view kDeleteExecution =
    "DELETE FROM executions WHERE workspace_id = ?1 AND id = ?2";

Result<std::vector<std::string>> first_column(Statement& statement) {
  std::vector<std::string> values;
  for (;;) {
    auto row = statement.step();
    if (!row) {
      return std::move(row).error();
    }
    if (!*row) {
      return values;
    }
    values.push_back(statement.string(0));
  }
}

/// Every distinct value `sql` walks to, starting after "" (?1 or ?2 is the last one).
Result<std::vector<std::string>> distinct_values(Connection& db, std::string_view sql,
                                                 std::optional<std::string_view> workspace) {
  std::vector<std::string> values;
  std::string last;
  for (;;) {
    auto statement = db.prepare(sql);
    if (!statement) {
      return std::move(statement).error();
    }
    if (workspace) {
      statement->bind(1, *workspace).bind(2, last);
    } else {
      statement->bind(1, last);
    }
    auto next = first_column(*statement);
    if (!next) {
      return std::move(next).error();
    }
    if (next->empty()) {
      return values;
    }
    last = next->front();
    values.push_back(last);
  }
}

Status delete_execution(Connection& db, std::string_view workspace, std::string_view id) {
  for (std::string_view sql : {kDeleteNodeRuns, kDeleteExecution}) {
    auto statement = db.prepare(sql);
    if (!statement) {
      return std::move(statement).error();
    }
    statement->bind(1, workspace).bind(2, id);
    if (auto deleted = statement->run(); !deleted) {
      return deleted;
    }
  }
  return Ok{};
}

/// Deletes, a transaction per batch, the executions `select(tx)` picks (at most
/// `batch`, oldest first) until it picks fewer. Returns how many.
template <class Select>
Result<std::int64_t> delete_in_batches(WriteConnection& writer, std::string_view workspace,
                                       int batch, Select select) {
  std::int64_t total = 0;
  for (;;) {
    auto deleted = writer.with([&](Connection& db) {
      return in_transaction(db, [&](Connection& tx) -> Result<std::int64_t> {
        auto ids = select(tx);
        if (!ids) {
          return std::move(ids).error();
        }
        for (const std::string& id : *ids) {
          if (auto done = delete_execution(tx, workspace, id); !done) {
            return std::move(done).error();
          }
        }
        return static_cast<std::int64_t>(ids->size());
      });
    });
    if (!deleted) {
      return deleted;
    }
    total += *deleted;
    if (*deleted < batch) {
      return total;
    }
  }
}

Result<std::int64_t> prune_by_age(WriteConnection& writer, std::string_view workspace,
                                  std::int64_t cutoff_ms, int batch) {
  return delete_in_batches(writer, workspace, batch,
                           [&](Connection& tx) -> Result<std::vector<std::string>> {
                             auto statement = tx.prepare(kOlderThan);
                             if (!statement) {
                               return std::move(statement).error();
                             }
                             statement->bind(1, workspace).bind(2, cutoff_ms);
                             statement->bind(3, std::int64_t{batch});
                             return first_column(*statement);
                           });
}

Result<std::int64_t> prune_by_count(WriteConnection& writer, std::string_view workspace,
                                    std::string_view pipeline, int keep, int batch) {
  // The keep-th newest execution; everything older goes. Runs created while
  // pruning are newer still, so the boundary holds throughout.
  struct Boundary {
    std::int64_t created_at_ms;
    std::string id;
  };
  auto boundary = writer.with([&](Connection& db) -> Result<std::optional<Boundary>> {
    auto statement = db.prepare(kNthNewest);
    if (!statement) {
      return std::move(statement).error();
    }
    statement->bind(1, workspace).bind(2, pipeline).bind(3, std::int64_t{keep} - 1);
    auto row = statement->step();
    if (!row) {
      return std::move(row).error();
    }
    if (!*row) {
      return std::optional<Boundary>();
    }
    return std::optional<Boundary>(Boundary{statement->int64(0), statement->string(1)});
  });
  if (!boundary) {
    return std::move(boundary).error();
  }
  if (!*boundary) {
    return std::int64_t{0};
  }
  const Boundary& last_kept = **boundary;
  return delete_in_batches(writer, workspace, batch,
                           [&](Connection& tx) -> Result<std::vector<std::string>> {
                             auto statement = tx.prepare(kOlderThanNth);
                             if (!statement) {
                               return std::move(statement).error();
                             }
                             statement->bind(1, workspace).bind(2, pipeline);
                             statement->bind(3, last_kept.created_at_ms).bind(4, last_kept.id);
                             statement->bind(5, std::int64_t{batch});
                             return first_column(*statement);
                           });
}

Result<std::int64_t> prune_workspace(WriteConnection& writer, std::string_view workspace,
                                     const RetentionPolicy& policy, Time now) {
  const int batch = std::max(policy.batch_size, 1);
  std::int64_t total = 0;
  if (policy.max_age_days > 0) {
    const std::int64_t cutoff = to_ms(now) - policy.max_age_days * kMsPerDay;
    auto deleted = prune_by_age(writer, workspace, cutoff, batch);
    if (!deleted) {
      return deleted;
    }
    total += *deleted;
  }
  if (policy.max_per_pipeline <= 0) {
    return total;
  }
  auto pipelines =
      writer.with([&](Connection& db) { return distinct_values(db, kNextPipeline, workspace); });
  if (!pipelines) {
    return std::move(pipelines).error();
  }
  for (const std::string& pipeline : *pipelines) {
    auto deleted = prune_by_count(writer, workspace, pipeline, policy.max_per_pipeline, batch);
    if (!deleted) {
      return deleted;
    }
    total += *deleted;
  }
  return total;
}

}  // namespace

Result<std::int64_t> prune(WriteConnection& writer, const RetentionPolicy& policy, Time now) {
  if (policy.max_age_days <= 0 && policy.max_per_pipeline <= 0) {
    return std::int64_t{0};
  }
  auto workspaces = writer.with(
      [&](Connection& db) { return distinct_values(db, kNextWorkspace, std::nullopt); });
  if (!workspaces) {
    return std::move(workspaces).error();
  }
  std::int64_t total = 0;
  for (const std::string& workspace : *workspaces) {
    auto deleted = prune_workspace(writer, workspace, policy, now);
    if (!deleted) {
      return deleted;
    }
    total += *deleted;
  }
  return total;
}

}  // namespace weft::store::sqlite
