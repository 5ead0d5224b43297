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
// Count limits, in a whole workspace (executions_by_created) or in one
// pipeline (executions_by_pipeline): the keep-th newest, then what is older.
constexpr std::string_view kNthNewestInWorkspace =
    "SELECT created_at, id FROM executions WHERE workspace_id = ?1"
    " ORDER BY created_at DESC, id DESC LIMIT 1 OFFSET ?2";
constexpr std::string_view kOlderThanNthInWorkspace =
    "SELECT id FROM executions WHERE workspace_id = ?1"
    " AND (created_at < ?2 OR (created_at = ?2 AND id < ?3))"
    " AND status NOT IN ('queued', 'running') ORDER BY created_at, id LIMIT ?4";
constexpr std::string_view kNthNewestInPipeline =
    "SELECT created_at, id FROM executions WHERE workspace_id = ?1 AND pipeline_id = ?2"
    " ORDER BY created_at DESC, id DESC LIMIT 1 OFFSET ?3";
constexpr std::string_view kOlderThanNthInPipeline =
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
/// `batch`, oldest first) until it picks fewer or `stop` is requested. Returns how many.
template <class Select>
Result<std::int64_t> delete_in_batches(WriteConnection& writer, std::string_view workspace,
                                       int batch, const std::stop_token& stop, Select select) {
  std::int64_t total = 0;
  while (!stop.stop_requested()) {
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
      break;
    }
  }
  return total;
}

Result<std::int64_t> prune_by_age(WriteConnection& writer, std::string_view workspace,
                                  std::int64_t cutoff_ms, int batch, const std::stop_token& stop) {
  return delete_in_batches(writer, workspace, batch, stop,
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

/// What a count limit applies to: a whole workspace, or one pipeline in it.
struct Scope {
  std::string_view workspace;
  std::optional<std::string_view> pipeline;

  /// Binds ?1 (and ?2 for a pipeline); returns the next parameter's index.
  int bind(Statement& statement) const {
    statement.bind(1, workspace);
    if (!pipeline) {
      return 2;
    }
    statement.bind(2, *pipeline);
    return 3;
  }
};

Result<std::int64_t> prune_by_count(WriteConnection& writer, const Scope& scope, int keep,
                                    int batch, const std::stop_token& stop) {
  // The keep-th newest execution; everything older goes. Runs created while
  // pruning are newer still, so the boundary holds throughout.
  struct Boundary {
    std::int64_t created_at_ms;
    std::string id;
  };
  auto boundary = writer.with([&](Connection& db) -> Result<std::optional<Boundary>> {
    auto statement = db.prepare(scope.pipeline ? kNthNewestInPipeline : kNthNewestInWorkspace);
    if (!statement) {
      return std::move(statement).error();
    }
    statement->bind(scope.bind(*statement), std::int64_t{keep} - 1);
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
  return delete_in_batches(
      writer, scope.workspace, batch, stop,
      [&](Connection& tx) -> Result<std::vector<std::string>> {
        auto statement =
            tx.prepare(scope.pipeline ? kOlderThanNthInPipeline : kOlderThanNthInWorkspace);
        if (!statement) {
          return std::move(statement).error();
        }
        const int next = scope.bind(*statement);
        statement->bind(next, last_kept.created_at_ms).bind(next + 1, last_kept.id);
        statement->bind(next + 2, std::int64_t{batch});
        return first_column(*statement);
      });
}

/// The age limit, then each pipeline's count, then the workspace's: a
/// workspace's newest N are counted after its pipelines were trimmed, so
/// both limits hold and no more is deleted than either needs.
Result<std::int64_t> prune_workspace(WriteConnection& writer, std::string_view workspace,
                                     const RetentionPolicy& policy, Time now,
                                     const std::stop_token& stop) {
  const int batch = std::max(policy.batch_size, 1);
  std::int64_t total = 0;
  if (policy.max_age_days > 0) {
    const std::int64_t cutoff = to_ms(now) - policy.max_age_days * kMsPerDay;
    auto deleted = prune_by_age(writer, workspace, cutoff, batch, stop);
    if (!deleted) {
      return deleted;
    }
    total += *deleted;
  }
  if (policy.max_per_pipeline > 0) {
    auto pipelines =
        writer.with([&](Connection& db) { return distinct_values(db, kNextPipeline, workspace); });
    if (!pipelines) {
      return std::move(pipelines).error();
    }
    for (const std::string& pipeline : *pipelines) {
      auto deleted =
          prune_by_count(writer, {workspace, pipeline}, policy.max_per_pipeline, batch, stop);
      if (!deleted) {
        return deleted;
      }
      total += *deleted;
    }
  }
  if (policy.max_per_workspace > 0) {
    auto deleted =
        prune_by_count(writer, {workspace, std::nullopt}, policy.max_per_workspace, batch, stop);
    if (!deleted) {
      return deleted;
    }
    total += *deleted;
  }
  return total;
}

}  // namespace

Result<std::int64_t> prune(WriteConnection& writer, const RetentionPolicy& policy, Time now,
                           std::stop_token stop) {
  if (policy.max_age_days <= 0 && policy.max_per_pipeline <= 0 && policy.max_per_workspace <= 0) {
    return std::int64_t{0};
  }
  auto workspaces = writer.with(
      [&](Connection& db) { return distinct_values(db, kNextWorkspace, std::nullopt); });
  if (!workspaces) {
    return std::move(workspaces).error();
  }
  std::int64_t total = 0;
  for (const std::string& workspace : *workspaces) {
    auto deleted = prune_workspace(writer, workspace, policy, now, stop);
    if (!deleted) {
      return deleted;
    }
    total += *deleted;
  }
  return total;
}

}  // namespace weft::store::sqlite
