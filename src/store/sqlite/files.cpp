#include "store/sqlite/files.hpp"

#include "store/sqlite/codec.hpp"

namespace weft::store::sqlite {
namespace {

constexpr std::string_view kInsert =
    "INSERT INTO files (workspace_id, id, execution_id, name, mime, size, sha256, created_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
constexpr std::string_view kSelect =
    "SELECT workspace_id, id, execution_id, name, mime, size, sha256, created_at FROM files"
    " WHERE workspace_id = ?1 AND id = ?2";
constexpr std::string_view kAttach =
    "UPDATE files SET execution_id = ?3 WHERE workspace_id = ?1 AND id = ?2";
constexpr std::string_view kBlobUsed = "SELECT 1 FROM files WHERE sha256 = ?1 LIMIT 1";

FileRecord read_file(const Statement& statement) {
  FileRecord record;
  record.workspace_id = statement.string(0);
  record.id = statement.string(1);
  record.execution_id = statement.optional_string(2);
  record.name = statement.string(3);
  record.mime = statement.string(4);
  record.size = statement.int64(5);
  record.sha256 = statement.string(6);
  record.created_at = column_time(statement, 7);
  return record;
}

}  // namespace

Status insert_file(Connection& db, const FileRecord& record) {
  auto statement = db.prepare(kInsert);
  if (!statement) {
    return std::move(statement).error();
  }
  statement->bind(1, record.workspace_id).bind(2, record.id).bind(3, record.execution_id);
  statement->bind(4, record.name).bind(5, record.mime).bind(6, record.size);
  statement->bind(7, record.sha256);
  bind_time(*statement, 8, record.created_at);
  return statement->run();
}

Result<FileRecord> select_file(Connection& db, std::string_view workspace, std::string_view id) {
  auto statement = db.prepare(kSelect);
  if (!statement) {
    return std::move(statement).error();
  }
  statement->bind(1, workspace).bind(2, id);
  return single_row(*statement, read_file,
                    Error::make(ErrorCode::not_found, "no file `" + std::string(id) + "`"));
}

Status attach_file(Connection& db, std::string_view workspace, std::string_view id,
                   std::string_view execution_id) {
  auto statement = db.prepare(kAttach);
  if (!statement) {
    return std::move(statement).error();
  }
  statement->bind(1, workspace).bind(2, id).bind(3, execution_id);
  if (auto done = statement->run(); !done) {
    return done;
  }
  if (db.changes() == 0) {
    return Error::make(ErrorCode::not_found, "no file `" + std::string(id) + "`");
  }
  return Ok{};
}

Result<bool> file_blob_used(Connection& db, std::string_view sha256) {
  auto statement = db.prepare(kBlobUsed);
  if (!statement) {
    return std::move(statement).error();
  }
  statement->bind(1, sha256);
  auto row = statement->step();
  if (!row) {
    return std::move(row).error();
  }
  return *row;
}

}  // namespace weft::store::sqlite
