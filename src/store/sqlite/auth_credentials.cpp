// Credentials: sealed data only; the store never sees a value in the clear.
#include "store/sqlite/auth_queries.hpp"
#include "store/sqlite/auth_sql.hpp"
#include "store/sqlite/transaction.hpp"

namespace weft::store::sqlite {

namespace {

constexpr std::string_view kCredentialColumns =
    "SELECT workspace_id, id, name, kind, fields, ciphertext, nonce, key_id, created_by,"
    " created_at, updated_at FROM credentials";

constexpr std::string_view kInsertCredential =
    "INSERT INTO credentials (workspace_id, id, name, kind, fields, ciphertext, nonce, key_id,"
    " created_by, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)"
    " ON CONFLICT DO NOTHING";

constexpr std::string_view kNameTaken =
    "SELECT 1 FROM credentials WHERE workspace_id = ?1 AND name = ?2 AND id <> ?3";

constexpr std::string_view kUpdateCredential =
    "UPDATE credentials SET name = ?3, fields = ?4, ciphertext = ?5, nonce = ?6, key_id = ?7,"
    " updated_at = ?8 WHERE workspace_id = ?1 AND id = ?2";

constexpr std::string_view kDeleteCredential =
    "DELETE FROM credentials WHERE workspace_id = ?1 AND id = ?2";

constexpr std::string_view kSelectEverySealed =
    "SELECT workspace_id, id, name, kind, fields, ciphertext, nonce, key_id, created_by,"
    " created_at, updated_at FROM credentials ORDER BY workspace_id, id";

constexpr std::string_view kCountByKey =
    "SELECT key_id, count(*) FROM credentials GROUP BY key_id ORDER BY key_id";

constexpr std::string_view kReseal =
    "UPDATE credentials SET ciphertext = ?3, nonce = ?4, key_id = ?5"
    " WHERE workspace_id = ?1 AND id = ?2";

std::string fields_text(const std::vector<std::string>& fields) {
  json::array names;
  for (const auto& field : fields) {
    names.emplace_back(field);
  }
  return to_json_string(names);
}

CredentialRecord read_credential(const Statement& row) {
  CredentialRecord credential;
  credential.workspace_id = row.string(0);
  credential.id = row.string(1);
  credential.name = row.string(2);
  credential.kind = row.string(3);
  const json::value fields = column_json(row, 4);
  for (const auto& field : fields.as_array()) {
    credential.fields.emplace_back(field.as_string());
  }
  credential.sealed.ciphertext = row.string(5);
  credential.sealed.nonce = row.string(6);
  credential.sealed.key_id = row.string(7);
  credential.created_by = row.optional_string(8);
  credential.created_at = column_time(row, 9);
  credential.updated_at = column_time(row, 10);
  return credential;
}

Error no_credential(std::string_view id) {
  return Error::make(ErrorCode::not_found, "no credential `" + std::string(id) + "`");
}

Error name_taken(std::string_view name) {
  return Error::make(ErrorCode::conflict,
                     "a credential named `" + std::string(name) + "` exists already");
}

}  // namespace

Result<CredentialRecord> insert_credential(Connection& db, CredentialRecord credential) {
  credential.updated_at = credential.created_at;
  auto inserted = execute(db, kInsertCredential, credential.workspace_id, credential.id,
                          credential.name, credential.kind, fields_text(credential.fields),
                          credential.sealed.ciphertext, credential.sealed.nonce,
                          credential.sealed.key_id, credential.created_by, credential.created_at);
  if (!inserted) {
    return std::move(inserted).error();
  }
  if (*inserted == 0) {
    return name_taken(credential.name);
  }
  return credential;
}

Result<std::vector<CredentialRecord>> select_credentials(Connection& db,
                                                         std::string_view workspace) {
  static const std::string sql =
      std::string(kCredentialColumns) + " WHERE workspace_id = ?1 ORDER BY name, id";
  return select_all<CredentialRecord>(db, sql, read_credential, workspace);
}

Result<CredentialRecord> select_credential(Connection& db, std::string_view workspace,
                                           std::string_view id) {
  static const std::string sql =
      std::string(kCredentialColumns) + " WHERE workspace_id = ?1 AND id = ?2";
  return select_one(db, sql, read_credential, no_credential(id), workspace, id);
}

Result<CredentialRecord> update_credential(Connection& db, CredentialRecord credential) {
  return in_transaction(db, [&](Connection& tx) -> Result<CredentialRecord> {
    auto current = select_credential(tx, credential.workspace_id, credential.id);
    if (!current) {
      return current;
    }
    auto taken = exists(tx, kNameTaken, credential.workspace_id, credential.name, credential.id);
    if (!taken) {
      return std::move(taken).error();
    }
    if (*taken) {
      return name_taken(credential.name);
    }
    auto updated =
        execute(tx, kUpdateCredential, credential.workspace_id, credential.id, credential.name,
                fields_text(credential.fields), credential.sealed.ciphertext,
                credential.sealed.nonce, credential.sealed.key_id, credential.updated_at);
    if (!updated) {
      return std::move(updated).error();
    }
    credential.kind = current->kind;
    credential.created_by = current->created_by;
    credential.created_at = current->created_at;
    return credential;
  });
}

Status delete_credential(Connection& db, std::string_view workspace, std::string_view id) {
  auto deleted = execute(db, kDeleteCredential, workspace, id);
  if (!deleted) {
    return std::move(deleted).error();
  }
  if (*deleted == 0) {
    return no_credential(id);
  }
  return Ok{};
}

Result<std::int64_t> reseal_credentials(Connection& db, const Reseal& reseal) {
  return in_transaction(db, [&](Connection& tx) -> Result<std::int64_t> {
    // Read them all first: the rows are updated below on the same connection.
    auto all = select_all<CredentialRecord>(tx, kSelectEverySealed, read_credential);
    if (!all) {
      return std::move(all).error();
    }
    for (const CredentialRecord& credential : *all) {
      auto sealed = reseal(credential);
      if (!sealed) {
        return std::move(sealed).error();
      }
      auto updated = execute(tx, kReseal, credential.workspace_id, credential.id,
                             sealed->ciphertext, sealed->nonce, sealed->key_id);
      if (!updated) {
        return std::move(updated).error();
      }
    }
    return static_cast<std::int64_t>(all->size());
  });
}

Result<std::vector<std::pair<std::string, std::int64_t>>> count_credentials_by_key(Connection& db) {
  return select_all<std::pair<std::string, std::int64_t>>(
      db, kCountByKey, [](const Statement& row) { return std::pair(row.string(0), row.int64(1)); });
}

}  // namespace weft::store::sqlite
