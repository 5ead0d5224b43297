#include <boost/json/serialize.hpp>

#include "store/sqlite/codec.hpp"
#include "store/sqlite/housekeeping.hpp"
#include "store/sqlite/transaction.hpp"

namespace weft::store::sqlite {

namespace {

// Word for word the WHERE clause of the executions_unfinished partial index.
// Only executions without a job: one with a job is taken over by a worker
// once its lease expires, never marked interrupted here.
constexpr std::string_view kInterruptExecutions =
    "UPDATE executions SET status = 'interrupted', error = ?1, finished_at = ?2"
    " WHERE status IN ('queued', 'running')"
    " AND NOT EXISTS (SELECT 1 FROM jobs WHERE jobs.execution_id = executions.id)";
constexpr std::string_view kCancelNodeRuns =
    "UPDATE node_runs SET status = 'cancelled'"
    " WHERE status IN ('pending', 'running') AND (workspace_id, execution_id) IN"
    " (SELECT workspace_id, id FROM executions WHERE status IN ('queued', 'running')"
    "  AND NOT EXISTS (SELECT 1 FROM jobs WHERE jobs.execution_id = executions.id))";

}  // namespace

Result<std::int64_t> interrupt_unfinished(WriteConnection& writer, Time now) {
  json::object error;
  error["code"] = "interrupted";
  error["message"] = "the server stopped while this run was in progress";
  const std::string error_text = json::serialize(error);
  return writer.with([&](Connection& db) {
    return in_transaction(db, [&](Connection& tx) -> Result<std::int64_t> {
      // Node runs first: they are found through the executions still unfinished.
      auto cancel = tx.prepare(kCancelNodeRuns);
      if (!cancel) {
        return std::move(cancel).error();
      }
      if (auto cancelled = cancel->run(); !cancelled) {
        return std::move(cancelled).error();
      }
      auto interrupt = tx.prepare(kInterruptExecutions);
      if (!interrupt) {
        return std::move(interrupt).error();
      }
      interrupt->bind(1, error_text);
      bind_time(*interrupt, 2, now);
      if (auto interrupted = interrupt->run(); !interrupted) {
        return std::move(interrupted).error();
      }
      return tx.changes();
    });
  });
}

}  // namespace weft::store::sqlite
