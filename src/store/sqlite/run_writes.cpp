#include "store/sqlite/run_writes.hpp"

#include "store/sqlite/codec.hpp"

namespace weft::store::sqlite {

namespace {

constexpr std::string_view kInsertExecution =
    "INSERT INTO executions (workspace_id, id, pipeline_id, pipeline_version, status, inputs,"
    " outputs, error, retry_of, created_at, finished_at, trigger, trigger_id)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"
    " ON CONFLICT (workspace_id, id) DO NOTHING";

constexpr std::string_view kSaveNodeRun =
    "INSERT OR REPLACE INTO node_runs (workspace_id, execution_id, node_id, type, status,"
    " attempts, started_at, finished_at, output, error, logs, handles)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";

constexpr std::string_view kFinishExecution =
    "UPDATE executions SET status = ?3, outputs = ?4, error = ?5, finished_at = ?6"
    " WHERE workspace_id = ?1 AND id = ?2";

Status check_keys(std::string_view what, std::string_view workspace, std::string_view id) {
  if (workspace.empty() || id.empty()) {
    return Error::make(ErrorCode::invalid_argument,
                       std::string(what) + " needs a workspace id and an execution id");
  }
  return Ok{};
}

Status create(Connection& db, const ExecutionRecord& execution) {
  if (auto valid = check_keys("a new execution", execution.workspace_id, execution.id); !valid) {
    return valid;
  }
  auto statement = db.prepare(kInsertExecution);
  if (!statement) {
    return std::move(statement).error();
  }
  statement->bind(1, execution.workspace_id).bind(2, execution.id);
  statement->bind(3, execution.pipeline_id).bind(4, execution.pipeline_version);
  statement->bind(5, execution.status);
  for (auto bound : {bind_json_text(*statement, 6, execution.inputs, "the execution's inputs"),
                     bind_json(*statement, 7, execution.outputs, "the execution's outputs"),
                     bind_json(*statement, 8, execution.error, "the execution's error")}) {
    if (!bound) {
      return bound;
    }
  }
  statement->bind(9, execution.retry_of);
  // A record made without a time gets the time it reached the store.
  bind_time(*statement, 10, execution.created_at == Time{} ? now_ms() : execution.created_at);
  bind_time(*statement, 11, execution.finished_at);
  statement->bind(12, execution.trigger).bind(13, execution.trigger_id);
  if (auto inserted = statement->run(); !inserted) {
    return inserted;
  }
  if (db.changes() == 0) {
    return Error::make(ErrorCode::conflict, "execution `" + execution.id + "` already exists");
  }
  return Ok{};
}

Status save(Connection& db, const NodeRunRecord& run) {
  if (auto valid = check_keys("a node run", run.workspace_id, run.execution_id); !valid) {
    return valid;
  }
  auto statement = db.prepare(kSaveNodeRun);
  if (!statement) {
    return std::move(statement).error();
  }
  statement->bind(1, run.workspace_id).bind(2, run.execution_id).bind(3, run.node_id);
  statement->bind(4, run.type).bind(5, run.status).bind(6, std::int64_t{run.attempts});
  bind_time(*statement, 7, run.started_at);
  bind_time(*statement, 8, run.finished_at);
  for (auto bound : {bind_json(*statement, 9, run.output, "a node run's output"),
                     bind_json(*statement, 10, run.error, "a node run's error"),
                     bind_json(*statement, 11, run.logs, "a node run's logs"),
                     bind_json(*statement, 12, run.handles, "a node run's handles")}) {
    if (!bound) {
      return bound;
    }
  }
  return statement->run();
}

Status finish(Connection& db, const FinishExecution& finish) {
  if (auto valid = check_keys("finishing an execution", finish.workspace_id, finish.execution_id);
      !valid) {
    return valid;
  }
  auto statement = db.prepare(kFinishExecution);
  if (!statement) {
    return std::move(statement).error();
  }
  statement->bind(1, finish.workspace_id).bind(2, finish.execution_id).bind(3, finish.status);
  for (auto bound : {bind_json(*statement, 4, finish.outputs, "the execution's outputs"),
                     bind_json(*statement, 5, finish.error, "the execution's error")}) {
    if (!bound) {
      return bound;
    }
  }
  bind_time(*statement, 6, finish.finished_at == Time{} ? now_ms() : finish.finished_at);
  if (auto updated = statement->run(); !updated) {
    return updated;
  }
  if (db.changes() == 0) {
    return Error::make(ErrorCode::not_found,
                       "no execution `" + finish.execution_id + "` to finish");
  }
  return Ok{};
}

constexpr std::string_view kEnqueueJob =
    "INSERT INTO jobs (execution_id, workspace_id, pipeline_id, priority, run_concurrency, seq,"
    " payload, owner, lease_expires_at, generation)"
    " VALUES (?1, ?2, ?3, ?4, ?5, (SELECT COALESCE(MAX(seq), 0) + 1 FROM jobs), ?6, ?7, ?8,"
    " CASE WHEN ?7 IS NULL THEN 0 ELSE 1 END)";

constexpr std::string_view kStartExecution =
    "UPDATE executions SET status = 'running' WHERE workspace_id = ?1 AND id = ?2"
    " AND status = 'queued'";

constexpr std::string_view kAckJob =
    "DELETE FROM jobs WHERE execution_id = ?1 AND owner = ?2 AND generation = ?3";

constexpr std::string_view kDiscardNodeRuns =
    "DELETE FROM node_runs WHERE workspace_id = ?1 AND execution_id = ?2";
constexpr std::string_view kDiscardExecution =
    "DELETE FROM executions WHERE workspace_id = ?1 AND id = ?2";

Status enqueue(Connection& db, const EnqueueJob& job) {
  if (auto valid = check_keys("a job", job.workspace_id, job.execution_id); !valid) {
    return valid;
  }
  auto statement = db.prepare(kEnqueueJob);
  if (!statement) {
    return std::move(statement).error();
  }
  statement->bind(1, job.execution_id).bind(2, job.workspace_id).bind(3, job.pipeline_id);
  statement->bind(4, job.priority).bind(5, job.run_concurrency);
  if (auto bound = bind_json_text(*statement, 6, job.payload, "the job"); !bound) {
    return bound;
  }
  statement->bind(7, job.owner);
  if (job.owner) {
    bind_time(*statement, 8, job.lease_expires_at);
  } else {
    statement->bind_null(8);
  }
  return statement->run();
}

/// not_found when the job is no longer this worker's: its result must not count.
Status ack(Connection& db, const AckJob& job) {
  auto statement = db.prepare(kAckJob);
  if (!statement) {
    return std::move(statement).error();
  }
  statement->bind(1, job.execution_id).bind(2, job.owner).bind(3, job.generation);
  if (auto deleted = statement->run(); !deleted) {
    return deleted;
  }
  if (db.changes() == 0) {
    return Error::make(ErrorCode::conflict, "job `" + job.execution_id +
                                                "` was taken over by another worker; its "
                                                "result is not recorded");
  }
  return Ok{};
}

Status discard(Connection& db, const DiscardExecution& discard) {
  for (std::string_view sql : {kDiscardNodeRuns, kDiscardExecution}) {
    auto statement = db.prepare(sql);
    if (!statement) {
      return std::move(statement).error();
    }
    statement->bind(1, discard.workspace_id).bind(2, discard.execution_id);
    if (auto deleted = statement->run(); !deleted) {
      return deleted;
    }
  }
  return Ok{};
}

Status start(Connection& db, const StartExecution& start) {
  auto statement = db.prepare(kStartExecution);
  if (!statement) {
    return std::move(statement).error();
  }
  statement->bind(1, start.workspace_id).bind(2, start.execution_id);
  return statement->run();
}

}  // namespace

Status apply_write(Connection& db, const Write& write) {
  if (const auto* started = std::get_if<StartExecution>(&write)) {
    return start(db, *started);
  }
  if (const auto* job = std::get_if<EnqueueJob>(&write)) {
    return enqueue(db, *job);
  }
  if (const auto* job = std::get_if<AckJob>(&write)) {
    return ack(db, *job);
  }
  if (const auto* discarded = std::get_if<DiscardExecution>(&write)) {
    return discard(db, *discarded);
  }
  if (const auto* created = std::get_if<CreateExecution>(&write)) {
    return create(db, created->execution);
  }
  if (const auto* saved = std::get_if<SaveNodeRun>(&write)) {
    return save(db, saved->node_run);
  }
  return finish(db, std::get<FinishExecution>(write));
}

}  // namespace weft::store::sqlite
