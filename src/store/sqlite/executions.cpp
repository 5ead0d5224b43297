#include "store/sqlite/executions.hpp"

#include <algorithm>
#include <string>

#include "store/sqlite/codec.hpp"
#include "store/sqlite/cursor.hpp"

namespace weft::store::sqlite {

namespace {

constexpr std::string_view kExecutionColumns =
    "SELECT workspace_id, id, pipeline_id, pipeline_version, status, inputs, outputs, error,"
    " retry_of, created_at, finished_at, trigger, trigger_id FROM executions";

constexpr std::string_view kSelectExecution =
    "SELECT workspace_id, id, pipeline_id, pipeline_version, status, inputs, outputs, error,"
    " retry_of, created_at, finished_at, trigger, trigger_id FROM executions"
    " WHERE workspace_id = ?1 AND id = ?2";

constexpr std::string_view kSelectNodeRuns =
    "SELECT workspace_id, execution_id, node_id, type, status, attempts, started_at,"
    " finished_at, output, error, logs, handles FROM node_runs"
    " WHERE workspace_id = ?1 AND execution_id = ?2"
    " ORDER BY started_at ASC NULLS LAST, node_id";

// Parameter numbers of the list query; unused ones are left out of the SQL.
enum ListParam {
  kWorkspace = 1,
  kPipeline,
  kStatus,
  kFrom,
  kTo,
  kAfterTime,
  kAfterId,
  kLimit,
  kTrigger,
  kTriggerId
};

ExecutionRecord read_execution(const Statement& row) {
  ExecutionRecord record;
  record.workspace_id = row.string(0);
  record.id = row.string(1);
  record.pipeline_id = row.string(2);
  record.pipeline_version = row.int64(3);
  record.status = row.string(4);
  record.inputs = column_json_or_null(row, 5, record.unreadable);
  record.outputs = column_json_or_null(row, 6, record.unreadable);
  record.error = column_json_or_null(row, 7, record.unreadable);
  record.retry_of = row.optional_string(8);
  record.created_at = column_time(row, 9);
  record.finished_at = column_optional_time(row, 10);
  record.trigger = row.string(11);
  record.trigger_id = row.optional_string(12);
  return record;
}

NodeRunRecord read_node_run(const Statement& row) {
  NodeRunRecord record;
  record.workspace_id = row.string(0);
  record.execution_id = row.string(1);
  record.node_id = row.string(2);
  record.type = row.string(3);
  record.status = row.string(4);
  record.attempts = static_cast<int>(row.int64(5));
  record.started_at = column_optional_time(row, 6);
  record.finished_at = column_optional_time(row, 7);
  record.output = column_json_or_null(row, 8, record.unreadable);
  record.error = column_json_or_null(row, 9, record.unreadable);
  record.logs = column_json_or_null(row, 10, record.unreadable);
  record.handles = column_json_or_null(row, 11, record.unreadable);
  return record;
}

/// The list query for the filters in use; at most 2^7 texts, each prepared once.
std::string list_sql(const ExecutionFilter& filter, bool has_cursor) {
  std::string sql(kExecutionColumns);
  sql += " WHERE workspace_id = ?1";
  if (filter.pipeline_id) {
    sql += " AND pipeline_id = ?2";
  }
  if (filter.status) {
    sql += " AND status = ?3";
  }
  if (filter.trigger) {
    sql += " AND trigger = ?9";
  }
  if (filter.trigger_id) {
    sql += " AND trigger_id = ?10";
  }
  if (filter.from) {
    sql += " AND created_at >= ?4";
  }
  if (filter.to) {
    sql += " AND created_at < ?5";
  }
  if (has_cursor) {
    sql += " AND (created_at < ?6 OR (created_at = ?6 AND id < ?7))";
  }
  sql += " ORDER BY created_at DESC, id DESC LIMIT ?8";
  return sql;
}

}  // namespace

Result<ExecutionPage> select_executions(Connection& db, std::string_view workspace,
                                        const ExecutionFilter& filter) {
  std::optional<Cursor> after;
  if (!filter.cursor.empty()) {
    after = decode_cursor(filter.cursor);
    if (!after) {
      return Error::make(ErrorCode::invalid_argument, "bad cursor");
    }
  }
  const int limit = std::clamp(filter.limit, 1, kMaxPageSize);
  auto statement = db.prepare(list_sql(filter, after.has_value()));
  if (!statement) {
    return std::move(statement).error();
  }
  statement->bind(kWorkspace, workspace);
  statement->bind(kPipeline, filter.pipeline_id).bind(kStatus, filter.status);
  statement->bind(kTrigger, filter.trigger).bind(kTriggerId, filter.trigger_id);
  if (filter.from) {
    bind_time(*statement, kFrom, *filter.from);
  }
  if (filter.to) {
    bind_time(*statement, kTo, *filter.to);
  }
  if (after) {
    statement->bind(kAfterTime, after->created_at_ms).bind(kAfterId, after->id);
  }
  // One row more than the page says whether another page follows.
  statement->bind(kLimit, std::int64_t{limit} + 1);
  ExecutionPage page;
  for (;;) {
    auto row = statement->step();
    if (!row) {
      return std::move(row).error();
    }
    if (!*row) {
      return page;
    }
    if (page.items.size() == static_cast<std::size_t>(limit)) {
      const ExecutionRecord& last = page.items.back();
      page.next_cursor = encode_cursor({to_ms(last.created_at), last.id});
      return page;
    }
    page.items.push_back(read_execution(*statement));
  }
}

Result<ExecutionRecord> select_execution(Connection& db, std::string_view workspace,
                                         std::string_view id) {
  auto statement = db.prepare(kSelectExecution);
  if (!statement) {
    return std::move(statement).error();
  }
  statement->bind(1, workspace).bind(2, id);
  return single_row(*statement, read_execution,
                    Error::make(ErrorCode::not_found, "no execution `" + std::string(id) + "`"));
}

Result<std::vector<NodeRunRecord>> select_node_runs(Connection& db, std::string_view workspace,
                                                    std::string_view execution_id) {
  auto statement = db.prepare(kSelectNodeRuns);
  if (!statement) {
    return std::move(statement).error();
  }
  statement->bind(1, workspace).bind(2, execution_id);
  return collect_rows<NodeRunRecord>(*statement, read_node_run);
}

}  // namespace weft::store::sqlite
