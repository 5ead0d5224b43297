// The audit log, and pruning of what has expired.
#include <algorithm>
#include <limits>

#include "store/sqlite/auth_queries.hpp"
#include "store/sqlite/auth_sql.hpp"
#include "store/sqlite/transaction.hpp"

namespace weft::store::sqlite {

namespace {

constexpr int kMaxPage = 200;

constexpr std::string_view kInsertAudit =
    "INSERT INTO audit_log (workspace_id, created_at, actor_user_id, actor_api_key_id, action,"
    " target, remote, details) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";

constexpr std::string_view kSelectAudit =
    "SELECT id, workspace_id, created_at, actor_user_id, actor_api_key_id, action, target,"
    " remote, details FROM audit_log WHERE workspace_id = ?1 AND id < ?2"
    " ORDER BY id DESC LIMIT ?3";

constexpr std::string_view kPruneTokens = "DELETE FROM refresh_tokens WHERE expires_at <= ?1";
constexpr std::string_view kPruneInvites = "DELETE FROM invites WHERE expires_at <= ?1";
constexpr std::string_view kPruneAudit = "DELETE FROM audit_log WHERE created_at < ?1";

AuditRecord read_audit(const Statement& row) {
  AuditRecord record;
  record.id = row.int64(0);
  record.workspace_id = row.optional_string(1);
  record.created_at = column_time(row, 2);
  record.actor_user_id = row.optional_string(3);
  record.actor_api_key_id = row.optional_string(4);
  record.action = row.string(5);
  record.target = row.optional_string(6);
  record.remote = row.optional_string(7);
  record.details = column_json(row, 8);
  return record;
}

}  // namespace

Status insert_audit(Connection& db, const AuditRecord& record) {
  std::optional<std::string> details;
  if (!record.details.is_null()) {
    details = to_json_string(record.details);
  }
  auto inserted =
      execute(db, kInsertAudit, record.workspace_id, record.created_at, record.actor_user_id,
              record.actor_api_key_id, record.action, record.target, record.remote, details);
  if (!inserted) {
    return std::move(inserted).error();
  }
  return Ok{};
}

Result<AuditPage> select_audit(Connection& db, std::string_view workspace, std::int64_t before_id,
                               int limit) {
  limit = std::clamp(limit, 1, kMaxPage);
  const std::int64_t before = before_id > 0 ? before_id : std::numeric_limits<std::int64_t>::max();
  // One row more than asked tells whether there is a next page.
  auto rows = select_all<AuditRecord>(db, kSelectAudit, read_audit, workspace, before,
                                      std::int64_t{limit} + 1);
  if (!rows) {
    return std::move(rows).error();
  }
  AuditPage page;
  page.items = std::move(*rows);
  if (page.items.size() > static_cast<std::size_t>(limit)) {
    page.items.pop_back();
    page.next_before = page.items.back().id;
  }
  return page;
}

Result<std::int64_t> prune_auth(Connection& db, Time now, std::optional<Time> audit_before) {
  return in_transaction(db, [&](Connection& tx) -> Result<std::int64_t> {
    std::int64_t deleted = 0;
    for (std::string_view sql : {kPruneTokens, kPruneInvites}) {
      auto pruned = execute(tx, sql, now);
      if (!pruned) {
        return pruned;
      }
      deleted += *pruned;
    }
    if (audit_before) {
      auto pruned = execute(tx, kPruneAudit, *audit_before);
      if (!pruned) {
        return pruned;
      }
      deleted += *pruned;
    }
    return deleted;
  });
}

}  // namespace weft::store::sqlite
