#include "store/sqlite/codec.hpp"
#include "store/sqlite/pipelines.hpp"

namespace weft::store::sqlite {

namespace {

// The newest execution's status comes from a correlated subquery that walks
// executions_by_pipeline backwards: one statement for the whole list, no N+1.
constexpr std::string_view kSelectPipelines =
    "SELECT p.workspace_id, p.id, p.name, p.description, p.version, p.definition,"
    " p.created_at, p.updated_at,"
    " (SELECT e.status FROM executions e"
    "   WHERE e.workspace_id = p.workspace_id AND e.pipeline_id = p.id"
    "   ORDER BY e.created_at DESC, e.id DESC LIMIT 1)"
    " FROM pipelines p WHERE p.workspace_id = ?1"
    " ORDER BY p.updated_at DESC, p.id";

constexpr std::string_view kSelectPipeline =
    "SELECT p.workspace_id, p.id, p.name, p.description, p.version, p.definition,"
    " p.created_at, p.updated_at,"
    " (SELECT e.status FROM executions e"
    "   WHERE e.workspace_id = p.workspace_id AND e.pipeline_id = p.id"
    "   ORDER BY e.created_at DESC, e.id DESC LIMIT 1)"
    " FROM pipelines p WHERE p.workspace_id = ?1 AND p.id = ?2";

constexpr std::string_view kSelectVersions =
    "SELECT pipeline_id, version, name, definition, created_at FROM pipeline_versions"
    " WHERE workspace_id = ?1 AND pipeline_id = ?2 ORDER BY version DESC";

constexpr std::string_view kSelectVersion =
    "SELECT pipeline_id, version, name, definition, created_at FROM pipeline_versions"
    " WHERE workspace_id = ?1 AND pipeline_id = ?2 AND version = ?3";

PipelineRecord read_pipeline(const Statement& row) {
  PipelineRecord record;
  record.workspace_id = row.string(0);
  record.id = row.string(1);
  record.name = row.string(2);
  record.description = row.string(3);
  record.version = row.int64(4);
  record.definition = column_json_or_null(row, 5, record.unreadable);
  record.created_at = column_time(row, 6);
  record.updated_at = column_time(row, 7);
  record.last_run_status = row.optional_string(8);
  return record;
}

PipelineVersion read_version(const Statement& row) {
  PipelineVersion version;
  version.pipeline_id = row.string(0);
  version.version = row.int64(1);
  version.name = row.string(2);
  version.definition = column_json_or_null(row, 3, version.unreadable);
  version.created_at = column_time(row, 4);
  return version;
}

}  // namespace

Error no_pipeline(std::string_view id) {
  return Error::make(ErrorCode::not_found, "no pipeline `" + std::string(id) + "`");
}

Result<std::vector<PipelineRecord>> select_pipelines(Connection& db, std::string_view workspace) {
  auto statement = db.prepare(kSelectPipelines);
  if (!statement) {
    return std::move(statement).error();
  }
  statement->bind(1, workspace);
  return collect_rows<PipelineRecord>(*statement, read_pipeline);
}

Result<PipelineRecord> select_pipeline(Connection& db, std::string_view workspace,
                                       std::string_view id) {
  auto statement = db.prepare(kSelectPipeline);
  if (!statement) {
    return std::move(statement).error();
  }
  statement->bind(1, workspace).bind(2, id);
  return single_row(*statement, read_pipeline, no_pipeline(id));
}

Result<std::vector<PipelineVersion>> select_versions(Connection& db, std::string_view workspace,
                                                     std::string_view id) {
  auto statement = db.prepare(kSelectVersions);
  if (!statement) {
    return std::move(statement).error();
  }
  statement->bind(1, workspace).bind(2, id);
  auto versions = collect_rows<PipelineVersion>(*statement, read_version);
  // Every stored pipeline has version 1 at least.
  if (versions && versions->empty()) {
    return no_pipeline(id);
  }
  return versions;
}

Result<PipelineVersion> select_version(Connection& db, std::string_view workspace,
                                       std::string_view id, std::int64_t version) {
  auto statement = db.prepare(kSelectVersion);
  if (!statement) {
    return std::move(statement).error();
  }
  statement->bind(1, workspace).bind(2, id).bind(3, version);
  auto row = statement->step();
  if (!row) {
    return std::move(row).error();
  }
  if (*row) {
    return read_version(*statement);
  }
  // Say which of the two is missing.
  auto pipeline = select_pipeline(db, workspace, id);
  if (!pipeline) {
    return std::move(pipeline).error();
  }
  return Error::make(ErrorCode::not_found, "pipeline `" + std::string(id) + "` has no version " +
                                               std::to_string(version) + " (the latest is " +
                                               std::to_string(pipeline->version) + ")");
}

}  // namespace weft::store::sqlite
