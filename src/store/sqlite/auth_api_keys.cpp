// API keys: stored as a lookup prefix and the SHA-256 of the whole key.
#include "store/sqlite/auth_queries.hpp"
#include "store/sqlite/auth_sql.hpp"
#include "store/sqlite/transaction.hpp"

namespace weft::store::sqlite {

namespace {

constexpr std::string_view kKeyColumns =
    "SELECT workspace_id, id, prefix, secret_hash, name, created_by, pipeline_id, scope,"
    " created_at, last_used_at, revoked_at FROM api_keys";

constexpr std::string_view kInsertKey =
    "INSERT INTO api_keys (workspace_id, id, prefix, secret_hash, name, created_by, pipeline_id,"
    " scope, created_at, last_used_at, revoked_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, NULL, NULL) ON CONFLICT DO NOTHING";

constexpr std::string_view kRevokeKey =
    "UPDATE api_keys SET revoked_at = coalesce(revoked_at, ?3) WHERE workspace_id = ?1 AND id = ?2";

constexpr std::string_view kTouchKey =
    "UPDATE api_keys SET last_used_at = ?3 WHERE workspace_id = ?1 AND id = ?2";

ApiKeyRecord read_key(const Statement& row) {
  ApiKeyRecord key;
  key.workspace_id = row.string(0);
  key.id = row.string(1);
  key.prefix = row.string(2);
  key.secret_hash = row.string(3);
  key.name = row.string(4);
  key.created_by = row.string(5);
  key.pipeline_id = row.optional_string(6);
  key.scope = row.string(7);
  key.created_at = column_time(row, 8);
  key.last_used_at = column_optional_time(row, 9);
  key.revoked_at = column_optional_time(row, 10);
  return key;
}

Error no_key(std::string_view id) {
  return Error::make(ErrorCode::not_found, "no API key `" + std::string(id) + "`");
}

Result<ApiKeyRecord> select_key(Connection& db, std::string_view workspace, std::string_view id) {
  static const std::string sql = std::string(kKeyColumns) + " WHERE workspace_id = ?1 AND id = ?2";
  return select_one(db, sql, read_key, no_key(id), workspace, id);
}

}  // namespace

Result<ApiKeyRecord> insert_api_key(Connection& db, ApiKeyRecord key) {
  key.last_used_at.reset();
  key.revoked_at.reset();
  auto inserted = execute(db, kInsertKey, key.workspace_id, key.id, key.prefix, key.secret_hash,
                          key.name, key.created_by, key.pipeline_id, key.scope, key.created_at);
  if (!inserted) {
    return std::move(inserted).error();
  }
  if (*inserted == 0) {
    return Error::make(ErrorCode::conflict, "an API key with this id or prefix exists already");
  }
  return key;
}

Result<std::vector<ApiKeyRecord>> select_api_keys(Connection& db, std::string_view workspace) {
  static const std::string sql =
      std::string(kKeyColumns) + " WHERE workspace_id = ?1 ORDER BY created_at DESC, id DESC";
  return select_all<ApiKeyRecord>(db, sql, read_key, workspace);
}

Result<ApiKeyRecord> select_api_key_by_prefix(Connection& db, std::string_view prefix) {
  static const std::string sql = std::string(kKeyColumns) + " WHERE prefix = ?1";
  return select_one(db, sql, read_key,
                    Error::make(ErrorCode::not_found, "no API key with this prefix"), prefix);
}

Result<ApiKeyRecord> revoke_api_key(Connection& db, std::string_view workspace, std::string_view id,
                                    Time now) {
  return in_transaction(db, [&](Connection& tx) -> Result<ApiKeyRecord> {
    auto revoked = execute(tx, kRevokeKey, workspace, id, now);
    if (!revoked) {
      return std::move(revoked).error();
    }
    return select_key(tx, workspace, id);
  });
}

Status touch_api_key(Connection& db, std::string_view workspace, std::string_view id, Time now) {
  auto touched = execute(db, kTouchKey, workspace, id, now);
  if (!touched) {
    return std::move(touched).error();
  }
  return Ok{};
}

}  // namespace weft::store::sqlite
