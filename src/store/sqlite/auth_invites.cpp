// Invites: a link that lets one person join a workspace in a given role.
#include "store/sqlite/auth_queries.hpp"
#include "store/sqlite/auth_sql.hpp"
#include "store/sqlite/transaction.hpp"

namespace weft::store::sqlite {

namespace {

constexpr std::string_view kInviteColumns =
    "SELECT workspace_id, id, token_hash, role, email, created_by, created_at, expires_at,"
    " accepted_at, accepted_by, revoked_at FROM invites";

constexpr std::string_view kInsertInvite =
    "INSERT INTO invites (workspace_id, id, token_hash, role, email, created_by, created_at,"
    " expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT DO NOTHING";

constexpr std::string_view kRevokeInvite =
    "UPDATE invites SET revoked_at = ?3 WHERE workspace_id = ?1 AND id = ?2"
    " AND accepted_at IS NULL AND revoked_at IS NULL";

constexpr std::string_view kAcceptInvite =
    "UPDATE invites SET accepted_at = ?4, accepted_by = ?3 WHERE workspace_id = ?1 AND id = ?2"
    " AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > ?4";

InviteRecord read_invite(const Statement& row) {
  InviteRecord invite;
  invite.workspace_id = row.string(0);
  invite.id = row.string(1);
  invite.token_hash = row.string(2);
  invite.role = row.string(3);
  invite.email = row.optional_string(4);
  invite.created_by = row.string(5);
  invite.created_at = column_time(row, 6);
  invite.expires_at = column_time(row, 7);
  invite.accepted_at = column_optional_time(row, 8);
  invite.accepted_by = row.optional_string(9);
  invite.revoked_at = column_optional_time(row, 10);
  return invite;
}

}  // namespace

Result<InviteRecord> insert_invite(Connection& db, InviteRecord invite) {
  invite.accepted_at.reset();
  invite.accepted_by.reset();
  invite.revoked_at.reset();
  auto inserted =
      execute(db, kInsertInvite, invite.workspace_id, invite.id, invite.token_hash, invite.role,
              invite.email, invite.created_by, invite.created_at, invite.expires_at);
  if (!inserted) {
    return std::move(inserted).error();
  }
  if (*inserted == 0) {
    return Error::make(ErrorCode::conflict, "an invite with this id or token exists already");
  }
  return invite;
}

Result<InviteRecord> select_invite_by_token(Connection& db, std::string_view token_hash) {
  static const std::string sql = std::string(kInviteColumns) + " WHERE token_hash = ?1";
  return select_one(db, sql, read_invite, Error::make(ErrorCode::not_found, "no such invite"),
                    token_hash);
}

Result<std::vector<InviteRecord>> select_pending_invites(Connection& db, std::string_view workspace,
                                                         Time now) {
  static const std::string sql =
      std::string(kInviteColumns) +
      " WHERE workspace_id = ?1 AND accepted_at IS NULL AND revoked_at IS NULL"
      " AND expires_at > ?2 ORDER BY created_at DESC, id DESC";
  return select_all<InviteRecord>(db, sql, read_invite, workspace, now);
}

Result<std::vector<InviteRecord>> select_pending_invites_for(Connection& db, std::string_view email,
                                                             Time now, int limit) {
  static const std::string sql = std::string(kInviteColumns) +
                                 " WHERE email = ?1 AND accepted_at IS NULL AND revoked_at IS NULL"
                                 " AND expires_at > ?2 ORDER BY created_at DESC, id DESC LIMIT ?3";
  return select_all<InviteRecord>(db, sql, read_invite, email, now, std::int64_t{limit});
}

Result<InviteRecord> select_invite_for(Connection& db, std::string_view id,
                                       std::string_view email) {
  static const std::string sql = std::string(kInviteColumns) + " WHERE id = ?1 AND email = ?2";
  return select_one(db, sql, read_invite,
                    Error::make(ErrorCode::not_found, "no invitation `" + std::string(id) + "`"),
                    id, email);
}

Status revoke_invite(Connection& db, std::string_view workspace, std::string_view id, Time now) {
  auto revoked = execute(db, kRevokeInvite, workspace, id, now);
  if (!revoked) {
    return std::move(revoked).error();
  }
  if (*revoked == 0) {
    return Error::make(ErrorCode::not_found, "no pending invite `" + std::string(id) + "`");
  }
  return Ok{};
}

Status mark_invite_accepted(Connection& db, std::string_view workspace, std::string_view id,
                            std::string_view user_id, Time now) {
  auto accepted = execute(db, kAcceptInvite, workspace, id, user_id, now);
  if (!accepted) {
    return std::move(accepted).error();
  }
  if (*accepted == 0) {
    return Error::make(ErrorCode::conflict,
                       "this invite was used, withdrawn or has expired; ask for a new one");
  }
  return Ok{};
}

Result<MembershipRecord> accept_invite(Connection& db, const InviteRecord& invite,
                                       std::string_view user_id, Time now) {
  return in_transaction(db, [&](Connection& tx) -> Result<MembershipRecord> {
    if (auto accepted = mark_invite_accepted(tx, invite.workspace_id, invite.id, user_id, now);
        !accepted) {
      return std::move(accepted).error();
    }
    if (auto joined = insert_membership(tx, invite.workspace_id, user_id, invite.role, now);
        !joined) {
      return std::move(joined).error();
    }
    return select_membership(tx, invite.workspace_id, user_id);
  });
}

}  // namespace weft::store::sqlite
