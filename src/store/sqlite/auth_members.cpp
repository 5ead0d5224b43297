// Memberships: who belongs to a workspace, in which role. A workspace never
// loses its last owner: the check and the change share one transaction.
#include "store/sqlite/auth_queries.hpp"
#include "store/sqlite/auth_sql.hpp"
#include "store/sqlite/transaction.hpp"

namespace weft::store::sqlite {

namespace {

constexpr std::string_view kOwner = "owner";

constexpr std::string_view kMembershipColumns =
    "SELECT m.workspace_id, m.user_id, m.role, m.created_at, u.email, u.name, w.name,"
    " u.sessions_valid_after, u.server_admin FROM memberships m"
    " JOIN users u ON u.id = m.user_id JOIN workspaces w ON w.id = m.workspace_id";

constexpr std::string_view kInsertMembership =
    "INSERT INTO memberships (workspace_id, user_id, role, created_at) VALUES (?1, ?2, ?3, ?4)"
    " ON CONFLICT DO NOTHING";

constexpr std::string_view kCountOwners =
    "SELECT count(*) FROM memberships WHERE workspace_id = ?1 AND role = 'owner'";

constexpr std::string_view kUpdateRole =
    "UPDATE memberships SET role = ?3 WHERE workspace_id = ?1 AND user_id = ?2";

constexpr std::string_view kDeleteMembership =
    "DELETE FROM memberships WHERE workspace_id = ?1 AND user_id = ?2";
constexpr std::string_view kRevokeMemberTokens =
    "UPDATE refresh_tokens SET revoked_at = ?3"
    " WHERE user_id = ?2 AND workspace_id = ?1 AND revoked_at IS NULL";
constexpr std::string_view kRevokeMemberKeys =
    "UPDATE api_keys SET revoked_at = ?3"
    " WHERE workspace_id = ?1 AND created_by = ?2 AND revoked_at IS NULL";

MembershipRecord read_membership(const Statement& row) {
  MembershipRecord membership;
  membership.workspace_id = row.string(0);
  membership.user_id = row.string(1);
  membership.role = row.string(2);
  membership.created_at = column_time(row, 3);
  membership.email = row.string(4);
  membership.name = row.string(5);
  membership.workspace_name = row.string(6);
  membership.sessions_valid_after = row.int64(7);
  membership.server_admin = row.int64(8) != 0;
  return membership;
}

Error no_member(std::string_view user_id) {
  return Error::make(ErrorCode::not_found,
                     "user `" + std::string(user_id) + "` is no member of this workspace");
}

/// conflict when `current` is the workspace's only owner and is about to stop being one.
Status keep_an_owner(Connection& db, const MembershipRecord& current) {
  if (current.role != kOwner) {
    return Ok{};
  }
  auto statement = prepare_bound(db, kCountOwners, current.workspace_id);
  if (!statement) {
    return std::move(statement).error();
  }
  auto owners = single_row(
      *statement, [](const Statement& row) { return row.int64(0); },
      Error::make(ErrorCode::internal, "counting owners returned no row"));
  if (!owners) {
    return std::move(owners).error();
  }
  if (*owners <= 1) {
    return Error::make(ErrorCode::conflict, current.email +
                                                " is the last owner of this workspace; make "
                                                "another member an owner first");
  }
  return Ok{};
}

}  // namespace

Result<MembershipRecord> select_membership(Connection& db, std::string_view workspace,
                                           std::string_view user_id) {
  static const std::string sql =
      std::string(kMembershipColumns) + " WHERE m.workspace_id = ?1 AND m.user_id = ?2";
  return select_one(db, sql, read_membership, no_member(user_id), workspace, user_id);
}

Result<std::vector<MembershipRecord>> select_members(Connection& db, std::string_view workspace) {
  static const std::string sql = std::string(kMembershipColumns) +
                                 " WHERE m.workspace_id = ?1 ORDER BY m.created_at, m.user_id";
  return select_all<MembershipRecord>(db, sql, read_membership, workspace);
}

Result<std::vector<MembershipRecord>> select_memberships_of(Connection& db,
                                                            std::string_view user_id) {
  static const std::string sql = std::string(kMembershipColumns) +
                                 " WHERE m.user_id = ?1 ORDER BY m.created_at, m.workspace_id";
  return select_all<MembershipRecord>(db, sql, read_membership, user_id);
}

Status insert_membership(Connection& db, std::string_view workspace, std::string_view user_id,
                         std::string_view role, Time now) {
  auto inserted = execute(db, kInsertMembership, workspace, user_id, role, now);
  if (!inserted) {
    return std::move(inserted).error();
  }
  if (*inserted == 0) {
    return Error::make(ErrorCode::conflict, "this user is a member of the workspace already");
  }
  return Ok{};
}

Result<MembershipRecord> add_member(Connection& db, std::string_view workspace,
                                    std::string_view user_id, std::string_view role, Time now) {
  return in_transaction(db, [&](Connection& tx) -> Result<MembershipRecord> {
    if (auto found = select_workspace(tx, workspace); !found) {
      return std::move(found).error();
    }
    if (auto found = select_user(tx, user_id); !found) {
      return std::move(found).error();
    }
    if (auto inserted = insert_membership(tx, workspace, user_id, role, now); !inserted) {
      return std::move(inserted).error();
    }
    return select_membership(tx, workspace, user_id);
  });
}

Result<MembershipRecord> update_role(Connection& db, std::string_view workspace,
                                     std::string_view user_id, std::string_view role) {
  return in_transaction(db, [&](Connection& tx) -> Result<MembershipRecord> {
    auto current = select_membership(tx, workspace, user_id);
    if (!current) {
      return current;
    }
    if (role != kOwner) {
      if (auto kept = keep_an_owner(tx, *current); !kept) {
        return std::move(kept).error();
      }
    }
    if (auto updated = execute(tx, kUpdateRole, workspace, user_id, role); !updated) {
      return std::move(updated).error();
    }
    current->role = std::string(role);
    return current;
  });
}

Status delete_member(Connection& db, std::string_view workspace, std::string_view user_id,
                     Time now) {
  return in_transaction(db, [&](Connection& tx) -> Status {
    auto current = select_membership(tx, workspace, user_id);
    if (!current) {
      return std::move(current).error();
    }
    if (auto kept = keep_an_owner(tx, *current); !kept) {
      return kept;
    }
    if (auto deleted = execute(tx, kDeleteMembership, workspace, user_id); !deleted) {
      return std::move(deleted).error();
    }
    for (std::string_view sql : {kRevokeMemberTokens, kRevokeMemberKeys}) {
      if (auto revoked = execute(tx, sql, workspace, user_id, now); !revoked) {
        return std::move(revoked).error();
      }
    }
    return Ok{};
  });
}

}  // namespace weft::store::sqlite
