// Users and their personal workspaces.
#include "common/ids.hpp"
#include "store/sqlite/auth_queries.hpp"
#include "store/sqlite/auth_sql.hpp"
#include "store/sqlite/transaction.hpp"
#include "store/store.hpp"

namespace weft::store::sqlite {

namespace {

constexpr std::string_view kOwner = "owner";

constexpr std::string_view kAnyUser = "SELECT 1 FROM users LIMIT 1";

constexpr std::string_view kUserColumns =
    "SELECT id, email, name, password_hash, personal_workspace_id, sessions_valid_after,"
    " created_at, updated_at, server_admin FROM users";

constexpr std::string_view kInsertUser =
    "INSERT INTO users (id, email, name, password_hash, personal_workspace_id,"
    " sessions_valid_after, created_at, updated_at, server_admin)"
    " VALUES (?1, ?2, ?3, ?4, ?5, 0, ?6, ?6, ?7) ON CONFLICT DO NOTHING";

constexpr std::string_view kInsertWorkspace =
    "INSERT INTO workspaces (id, name, created_at) VALUES (?1, ?2, ?3)";

// The default workspace comes with migration 0001; a first owner on a
// database whose default workspace was removed by hand gets it back.
constexpr std::string_view kEnsureDefaultWorkspace =
    "INSERT OR IGNORE INTO workspaces (id, name, created_at) VALUES (?1, 'Default', ?2)";

constexpr std::string_view kSelectWorkspace =
    "SELECT id, name, created_at FROM workspaces WHERE id = ?1";

constexpr std::string_view kUpdatePassword =
    "UPDATE users SET password_hash = ?2, updated_at = ?3 WHERE id = ?1";
constexpr std::string_view kEndSessions =
    "UPDATE users SET sessions_valid_after = ?2 WHERE id = ?1";
constexpr std::string_view kRevokeUserTokens =
    "UPDATE refresh_tokens SET revoked_at = ?2 WHERE user_id = ?1 AND revoked_at IS NULL";

UserRecord read_user(const Statement& row) {
  UserRecord user;
  user.id = row.string(0);
  user.email = row.string(1);
  user.name = row.string(2);
  user.password_hash = row.string(3);
  user.personal_workspace_id = row.string(4);
  user.sessions_valid_after = row.int64(5);
  user.created_at = column_time(row, 6);
  user.updated_at = column_time(row, 7);
  user.server_admin = row.int64(8) != 0;
  return user;
}

Error no_user(std::string_view what) {
  return Error::make(ErrorCode::not_found, "no user " + std::string(what));
}

/// The personal workspace of a new user, or the default one for the first owner.
Result<std::string> make_home(Connection& db, const NewUser& request, Time now) {
  if (request.first_owner) {
    auto any = exists(db, kAnyUser);
    if (!any) {
      return std::move(any).error();
    }
    if (*any) {
      return Error::make(ErrorCode::conflict, "Weft is set up already: an owner exists");
    }
    auto ensured = execute(db, kEnsureDefaultWorkspace, kDefaultWorkspace, now);
    if (!ensured) {
      return std::move(ensured).error();
    }
    return std::string(kDefaultWorkspace);
  }
  std::string id = new_id("ws");
  auto inserted = execute(db, kInsertWorkspace, id, request.user.name + "'s workspace", now);
  if (!inserted) {
    return std::move(inserted).error();
  }
  return id;
}

/// Joins the workspace NewUser asks for, accepting its invite if there is one.
Status join_requested(Connection& db, const NewUser& request, const UserRecord& user, Time now) {
  if (!request.join_workspace || *request.join_workspace == user.personal_workspace_id) {
    return Ok{};
  }
  const std::string& workspace = *request.join_workspace;
  auto found = select_workspace(db, workspace);
  if (!found) {
    return std::move(found).error();
  }
  if (request.invite_id) {
    auto accepted = mark_invite_accepted(db, workspace, *request.invite_id, user.id, now);
    if (!accepted) {
      return accepted;
    }
  }
  return insert_membership(db, workspace, user.id, request.join_role, now);
}

}  // namespace

Result<bool> has_users(Connection& db) {
  return exists(db, kAnyUser);
}

Result<UserRecord> insert_user(Connection& db, NewUser request, Time now) {
  return in_transaction(db, [&](Connection& tx) -> Result<UserRecord> {
    // The first account ever made is a server admin, whichever way it came.
    auto any = exists(tx, kAnyUser);
    if (!any) {
      return std::move(any).error();
    }
    auto home = make_home(tx, request, now);
    if (!home) {
      return std::move(home).error();
    }
    UserRecord user = std::move(request.user);
    user.personal_workspace_id = std::move(*home);
    user.sessions_valid_after = 0;
    user.created_at = now;
    user.updated_at = now;
    user.server_admin = user.server_admin || !*any;
    auto inserted =
        execute(tx, kInsertUser, user.id, user.email, user.name, user.password_hash,
                user.personal_workspace_id, now, std::int64_t{user.server_admin ? 1 : 0});
    if (!inserted) {
      return std::move(inserted).error();
    }
    if (*inserted == 0) {
      return Error::make(ErrorCode::conflict, "an account with this email exists already");
    }
    auto owner = insert_membership(tx, user.personal_workspace_id, user.id, kOwner, now);
    if (!owner) {
      return std::move(owner).error();
    }
    if (auto joined = join_requested(tx, request, user, now); !joined) {
      return std::move(joined).error();
    }
    return user;
  });
}

Result<UserRecord> select_user(Connection& db, std::string_view id) {
  static const std::string sql = std::string(kUserColumns) + " WHERE id = ?1";
  return select_one(db, sql, read_user, no_user("`" + std::string(id) + "`"), id);
}

Result<UserRecord> select_user_by_email(Connection& db, std::string_view email) {
  static const std::string sql = std::string(kUserColumns) + " WHERE email = ?1";
  return select_one(db, sql, read_user, no_user("with this email"), email);
}

Status update_password(Connection& db, std::string_view user_id, std::string_view password_hash,
                       std::optional<std::int64_t> end_sessions, Time now) {
  return in_transaction(db, [&](Connection& tx) -> Status {
    auto updated = execute(tx, kUpdatePassword, user_id, password_hash, now);
    if (!updated) {
      return std::move(updated).error();
    }
    if (*updated == 0) {
      return no_user("`" + std::string(user_id) + "`");
    }
    if (!end_sessions) {
      return Ok{};
    }
    if (auto ended = execute(tx, kEndSessions, user_id, *end_sessions); !ended) {
      return std::move(ended).error();
    }
    if (auto revoked = execute(tx, kRevokeUserTokens, user_id, now); !revoked) {
      return std::move(revoked).error();
    }
    return Ok{};
  });
}

Result<WorkspaceRecord> select_workspace(Connection& db, std::string_view id) {
  return select_one(
      db, kSelectWorkspace,
      [](const Statement& row) {
        return WorkspaceRecord{row.string(0), row.string(1), column_time(row, 2)};
      },
      Error::make(ErrorCode::not_found, "no workspace `" + std::string(id) + "`"), id);
}

}  // namespace weft::store::sqlite
