// Refresh tokens: rotation on use, and reuse detection that revokes the family.
#include "store/sqlite/auth_queries.hpp"
#include "store/sqlite/auth_sql.hpp"
#include "store/sqlite/transaction.hpp"

namespace weft::store::sqlite {

namespace {

constexpr std::string_view kInsertToken =
    "INSERT INTO refresh_tokens (token_hash, user_id, workspace_id, family_id, created_at,"
    " expires_at, used_at, revoked_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";

constexpr std::string_view kSelectToken =
    "SELECT token_hash, user_id, workspace_id, family_id, created_at, expires_at, used_at,"
    " revoked_at FROM refresh_tokens WHERE token_hash = ?1";

constexpr std::string_view kMarkUsed =
    "UPDATE refresh_tokens SET used_at = ?2 WHERE token_hash = ?1 AND used_at IS NULL";

constexpr std::string_view kRevokeFamily =
    "UPDATE refresh_tokens SET revoked_at = ?2 WHERE family_id = ?1 AND revoked_at IS NULL";

constexpr std::string_view kIsMember =
    "SELECT 1 FROM memberships WHERE workspace_id = ?1 AND user_id = ?2";

RefreshTokenRecord read_token(const Statement& row) {
  RefreshTokenRecord token;
  token.token_hash = row.string(0);
  token.user_id = row.string(1);
  token.workspace_id = row.string(2);
  token.family_id = row.string(3);
  token.created_at = column_time(row, 4);
  token.expires_at = column_time(row, 5);
  token.used_at = column_optional_time(row, 6);
  token.revoked_at = column_optional_time(row, 7);
  return token;
}

/// The stored token, or nullopt when there is none.
Result<std::optional<RefreshTokenRecord>> find_token(Connection& db, std::string_view hash) {
  auto statement = prepare_bound(db, kSelectToken, hash);
  if (!statement) {
    return std::move(statement).error();
  }
  auto row = statement->step();
  if (!row) {
    return std::move(row).error();
  }
  if (!*row) {
    return std::optional<RefreshTokenRecord>();
  }
  return std::optional(read_token(*statement));
}

/// Decides what presenting `token` means, revoking its family on reuse.
Result<RefreshOutcome> judge(Connection& db, const RefreshTokenRecord& token,
                             std::string_view workspace, Time now) {
  if (token.revoked_at) {
    return RefreshOutcome::revoked;
  }
  if (token.used_at) {
    auto revoked = execute(db, kRevokeFamily, token.family_id, now);
    if (!revoked) {
      return std::move(revoked).error();
    }
    return RefreshOutcome::reused;
  }
  if (token.expires_at <= now) {
    return RefreshOutcome::expired;
  }
  auto member = exists(db, kIsMember, workspace, token.user_id);
  if (!member) {
    return std::move(member).error();
  }
  return *member ? RefreshOutcome::rotated : RefreshOutcome::no_membership;
}

}  // namespace

Status insert_refresh_token(Connection& db, const RefreshTokenRecord& token) {
  auto inserted =
      execute(db, kInsertToken, token.token_hash, token.user_id, token.workspace_id,
              token.family_id, token.created_at, token.expires_at, token.used_at, token.revoked_at);
  if (!inserted) {
    return std::move(inserted).error();
  }
  return Ok{};
}

// Under the write connection's lock and BEGIN IMMEDIATE, two refreshes with
// the same token cannot both see it unused: the second sees it used and
// revokes the family.
Result<RefreshRotation> rotate_refresh_token(Connection& db, std::string_view presented_hash,
                                             RefreshTokenRecord next, Time now) {
  return in_transaction(db, [&](Connection& tx) -> Result<RefreshRotation> {
    RefreshRotation rotation;
    auto found = find_token(tx, presented_hash);
    if (!found) {
      return std::move(found).error();
    }
    if (!*found) {
      return rotation;  // unknown
    }
    rotation.presented = std::move(**found);
    if (next.workspace_id.empty()) {
      next.workspace_id = rotation.presented.workspace_id;
    }
    auto outcome = judge(tx, rotation.presented, next.workspace_id, now);
    if (!outcome) {
      return std::move(outcome).error();
    }
    rotation.outcome = *outcome;
    if (rotation.outcome != RefreshOutcome::rotated) {
      return rotation;  // committed: a reuse's revocation must stick
    }
    if (auto used = execute(tx, kMarkUsed, presented_hash, now); !used) {
      return std::move(used).error();
    }
    next.user_id = rotation.presented.user_id;
    next.family_id = rotation.presented.family_id;
    next.created_at = now;
    next.used_at.reset();
    next.revoked_at.reset();
    if (auto stored = insert_refresh_token(tx, next); !stored) {
      return std::move(stored).error();
    }
    rotation.next = std::move(next);
    return rotation;
  });
}

Result<bool> revoke_refresh_family(Connection& db, std::string_view token_hash, Time now) {
  return in_transaction(db, [&](Connection& tx) -> Result<bool> {
    auto found = find_token(tx, token_hash);
    if (!found) {
      return std::move(found).error();
    }
    if (!*found) {
      return false;
    }
    auto revoked = execute(tx, kRevokeFamily, (*found)->family_id, now);
    if (!revoked) {
      return std::move(revoked).error();
    }
    return true;
  });
}

}  // namespace weft::store::sqlite
