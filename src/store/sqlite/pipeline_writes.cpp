#include "common/ids.hpp"
#include "store/sqlite/codec.hpp"
#include "store/sqlite/pipelines.hpp"
#include "store/sqlite/transaction.hpp"

namespace weft::store::sqlite {

namespace {

constexpr std::size_t kMaxIdLength = 128;

constexpr std::string_view kInsertPipeline =
    "INSERT INTO pipelines"
    " (workspace_id, id, name, description, version, definition, created_at, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7) ON CONFLICT (workspace_id, id) DO NOTHING";

constexpr std::string_view kInsertVersion =
    "INSERT OR REPLACE INTO pipeline_versions"
    " (workspace_id, pipeline_id, version, name, definition, created_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

constexpr std::string_view kCurrentVersion =
    "SELECT p.version, p.created_at,"
    " (SELECT e.status FROM executions e"
    "   WHERE e.workspace_id = p.workspace_id AND e.pipeline_id = p.id"
    "   ORDER BY e.created_at DESC, e.id DESC LIMIT 1)"
    " FROM pipelines p WHERE p.workspace_id = ?1 AND p.id = ?2";

constexpr std::string_view kUpdatePipeline =
    "UPDATE pipelines SET name = ?3, description = ?4, version = ?5, definition = ?6,"
    " updated_at = ?7 WHERE workspace_id = ?1 AND id = ?2";

// Node runs first: they are found through the executions deleted next.
constexpr std::string_view kDeleteNodeRuns =
    "DELETE FROM node_runs WHERE workspace_id = ?1 AND execution_id IN"
    " (SELECT id FROM executions WHERE workspace_id = ?1 AND pipeline_id = ?2)";
constexpr std::string_view kDeleteExecutions =
    "DELETE FROM executions WHERE workspace_id = ?1 AND pipeline_id = ?2";
constexpr std::string_view kDeleteTriggers =
    "DELETE FROM triggers WHERE workspace_id = ?1 AND pipeline_id = ?2";
constexpr std::string_view kDeleteVersions =
    "DELETE FROM pipeline_versions WHERE workspace_id = ?1 AND pipeline_id = ?2";
constexpr std::string_view kDeletePipeline =
    "DELETE FROM pipelines WHERE workspace_id = ?1 AND id = ?2";

Status check_id(std::string_view id) {
  if (id.size() > kMaxIdLength) {
    return Error::make(
        ErrorCode::invalid_argument,
        "a pipeline id may have at most " + std::to_string(kMaxIdLength) + " characters");
  }
  for (char c : id) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      return Error::make(ErrorCode::invalid_argument,
                         "a pipeline id may not contain control characters");
    }
  }
  return Ok{};
}

Status insert_version(Connection& db, std::string_view workspace, const PipelineRecord& record) {
  auto statement = db.prepare(kInsertVersion);
  if (!statement) {
    return std::move(statement).error();
  }
  statement->bind(1, workspace).bind(2, record.id).bind(3, record.version).bind(4, record.name);
  if (auto bound = bind_json_text(*statement, 5, record.definition, "the pipeline"); !bound) {
    return bound;
  }
  bind_time(*statement, 6, record.updated_at);
  return statement->run();
}

/// Runs `sql` with the workspace and pipeline id bound to ?1 and ?2.
Status run_scoped(Connection& db, std::string_view sql, std::string_view workspace,
                  std::string_view id) {
  auto statement = db.prepare(sql);
  if (!statement) {
    return std::move(statement).error();
  }
  statement->bind(1, workspace).bind(2, id);
  return statement->run();
}

struct Current {
  std::int64_t version = 0;
  Time created_at;
  std::optional<std::string> last_run_status;
};

// Insert and update take the same parameters, in the same order.
Status bind_pipeline(Statement& statement, std::string_view workspace, const PipelineRecord& record,
                     Time now) {
  statement.bind(1, workspace).bind(2, record.id).bind(3, record.name);
  statement.bind(4, record.description).bind(5, record.version);
  bind_time(statement, 7, now);
  return bind_json_text(statement, 6, record.definition, "the pipeline");
}

Result<Current> current_version(Connection& db, std::string_view workspace, std::string_view id) {
  auto statement = db.prepare(kCurrentVersion);
  if (!statement) {
    return std::move(statement).error();
  }
  statement->bind(1, workspace).bind(2, id);
  return single_row(
      *statement,
      [](const Statement& row) {
        return Current{row.int64(0), column_time(row, 1), row.optional_string(2)};
      },
      no_pipeline(id));
}

Error stale_version(std::string_view id, std::int64_t current, std::int64_t base) {
  return Error::make(ErrorCode::conflict, "pipeline `" + std::string(id) +
                                              "` was saved as version " + std::to_string(current) +
                                              " since version " + std::to_string(base) +
                                              " was loaded; reload it and apply your change again");
}

}  // namespace

Result<PipelineRecord> insert_pipeline(Connection& db, std::string_view workspace,
                                       PipelineRecord record, Time now) {
  if (record.id.empty()) {
    record.id = new_id("pl");
  }
  if (auto valid = check_id(record.id); !valid) {
    return std::move(valid).error();
  }
  record.workspace_id = std::string(workspace);
  record.version = 1;
  record.created_at = now;
  record.updated_at = now;
  record.last_run_status.reset();
  return in_transaction(db, [&](Connection& tx) -> Result<PipelineRecord> {
    auto statement = tx.prepare(kInsertPipeline);
    if (!statement) {
      return std::move(statement).error();
    }
    if (auto bound = bind_pipeline(*statement, workspace, record, now); !bound) {
      return std::move(bound).error();
    }
    if (auto inserted = statement->run(); !inserted) {
      return std::move(inserted).error();
    }
    if (tx.changes() == 0) {
      return Error::make(ErrorCode::conflict,
                         "a pipeline with id `" + record.id + "` already exists");
    }
    if (auto versioned = insert_version(tx, workspace, record); !versioned) {
      return std::move(versioned).error();
    }
    return std::move(record);  // the body runs once; the definition may be megabytes
  });
}

Result<PipelineRecord> update_pipeline(Connection& db, std::string_view workspace,
                                       PipelineRecord record, std::int64_t base_version, Time now) {
  return in_transaction(db, [&](Connection& tx) -> Result<PipelineRecord> {
    auto current = current_version(tx, workspace, record.id);
    if (!current) {
      return std::move(current).error();
    }
    if (current->version != base_version) {
      return stale_version(record.id, current->version, base_version);
    }
    record.workspace_id = std::string(workspace);
    record.version = base_version + 1;
    record.created_at = current->created_at;
    record.updated_at = now;
    record.last_run_status = current->last_run_status;
    auto statement = tx.prepare(kUpdatePipeline);
    if (!statement) {
      return std::move(statement).error();
    }
    if (auto bound = bind_pipeline(*statement, workspace, record, now); !bound) {
      return std::move(bound).error();
    }
    if (auto updated = statement->run(); !updated) {
      return std::move(updated).error();
    }
    if (auto versioned = insert_version(tx, workspace, record); !versioned) {
      return std::move(versioned).error();
    }
    return std::move(record);  // the body runs once; the definition may be megabytes
  });
}

Status delete_pipeline(Connection& db, std::string_view workspace, std::string_view id) {
  return in_transaction(db, [&](Connection& tx) -> Status {
    for (std::string_view sql :
         {kDeleteNodeRuns, kDeleteExecutions, kDeleteTriggers, kDeleteVersions}) {
      if (auto deleted = run_scoped(tx, sql, workspace, id); !deleted) {
        return deleted;
      }
    }
    if (auto deleted = run_scoped(tx, kDeletePipeline, workspace, id); !deleted) {
      return deleted;
    }
    // not_found rolls the transaction back: nothing is deleted for an unknown id.
    if (tx.changes() == 0) {
      return no_pipeline(id);
    }
    return Ok{};
  });
}

}  // namespace weft::store::sqlite
