#pragma once
// What the auth layer keeps: users, workspaces and memberships, refresh
// tokens, API keys, sealed credentials, invites and the audit log. The store
// holds no secret in the clear and knows nothing of cryptography: it gets
// hashes and ciphertext from src/auth/ and gives them back.
//
// Scoping: every workspace-owned row carries workspace_id and every call on
// one takes the workspace. The lookups by a secret's hash (refresh token, API
// key prefix, invite token) are the exceptions: the secret names its workspace.
//
// Roles are plain strings here ("owner", "admin", "editor", "viewer"); the
// auth layer gives them meaning.
//
// Threading: like Store, every method may be called from any thread at once.
// Reads use the read pool; each write is one transaction on the write connection.

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/json.hpp"
#include "common/result.hpp"

namespace weft::store {

using Time = std::chrono::system_clock::time_point;

struct UserRecord {
  std::string id;
  std::string email;  ///< normalised (trimmed, lower case) by the caller
  std::string name;
  std::string password_hash;  ///< Argon2id, in libsodium's string form
  std::string personal_workspace_id;
  std::int64_t sessions_valid_after = 0;  ///< seconds; older access tokens are refused
  Time created_at;
  Time updated_at;
  /// Manages what belongs to the server (server LLM providers, sign-up, the
  /// metrics token). The first account ever created is one.
  bool server_admin = false;
};

struct WorkspaceRecord {
  std::string id;
  std::string name;
  Time created_at;
};

/// A user's membership of a workspace, with what lists show of both.
struct MembershipRecord {
  std::string workspace_id;
  std::string user_id;
  std::string role;
  Time created_at;
  std::string email;                      ///< the member's
  std::string name;                       ///< the member's
  std::string workspace_name;             ///< the workspace's
  std::int64_t sessions_valid_after = 0;  ///< the member's (see UserRecord)
  bool server_admin = false;              ///< the member's (see UserRecord)
};

/// What create_user adds in one transaction.
struct NewUser {
  UserRecord user;  ///< id, email, name, password_hash and server_admin are used; the rest is filled in
  /// The first owner: fails (conflict) if any user exists, and makes the user
  /// owner of the default workspace instead of creating a personal one.
  bool first_owner = false;
  /// Also join this workspace with `join_role` (direct creation, invites).
  std::optional<std::string> join_workspace;
  std::string join_role;
  /// Accepts this invite of join_workspace in the same transaction; fails
  /// (conflict) when it was accepted, revoked or expired meanwhile.
  std::optional<std::string> invite_id;
};

struct RefreshTokenRecord {
  std::string token_hash;  ///< hex SHA-256 of the token
  std::string user_id;
  std::string workspace_id;
  std::string family_id;
  Time created_at;
  Time expires_at;
  std::optional<Time> used_at;
  std::optional<Time> revoked_at;
};

enum class RefreshOutcome {
  rotated,        ///< the presented token was live; `next` is stored
  unknown,        ///< no such token
  expired,        ///< past its expiry
  revoked,        ///< its family was revoked (logout, reuse, password change)
  reused,         ///< it had been used already: the whole family is now revoked
  no_membership,  ///< the user is no member of the workspace asked for
};

struct RefreshRotation {
  RefreshOutcome outcome = RefreshOutcome::unknown;
  RefreshTokenRecord presented;  ///< the stored record, when found
  RefreshTokenRecord next;       ///< as stored, when rotated
};

struct ApiKeyRecord {
  std::string workspace_id;
  std::string id;
  std::string prefix;
  std::string secret_hash;  ///< hex SHA-256 of the whole key
  std::string name;
  std::string created_by;  ///< user id
  std::optional<std::string> pipeline_id;
  std::string scope;  ///< "run" or "full"
  Time created_at;
  std::optional<Time> last_used_at;
  std::optional<Time> revoked_at;
};

/// A credential's sealed data: base64url text, opaque to the store.
struct SealedSecret {
  std::string ciphertext;
  std::string nonce;
  std::string key_id;  ///< which vault key sealed it (a fingerprint)
};

struct CredentialRecord {
  std::string workspace_id;
  std::string id;
  std::string name;
  std::string kind;
  std::vector<std::string> fields;  ///< names of the fields that are set, never values
  SealedSecret sealed;
  std::optional<std::string> created_by;
  Time created_at;
  Time updated_at;
};

struct InviteRecord {
  std::string workspace_id;
  std::string id;
  std::string token_hash;
  std::string role;
  std::optional<std::string> email;  ///< only this address may accept, when set
  std::string created_by;
  Time created_at;
  Time expires_at;
  std::optional<Time> accepted_at;
  std::optional<std::string> accepted_by;
  std::optional<Time> revoked_at;
};

struct AuditRecord {
  std::int64_t id = 0;  ///< assigned by the store; grows with time
  std::optional<std::string> workspace_id;
  Time created_at;
  std::optional<std::string> actor_user_id;
  std::optional<std::string> actor_api_key_id;
  std::string action;  ///< "login.failed", "credential.created", …
  std::optional<std::string> target;
  std::optional<std::string> remote;
  json::value details;  ///< object or null; never a secret
};

struct AuditPage {
  std::vector<AuditRecord> items;  ///< newest first
  std::int64_t next_before = 0;    ///< pass as `before_id` for the next page; 0 when no more
};

/// Re-seals one credential for vault key rotation.
using Reseal = std::function<Result<SealedSecret>(const CredentialRecord&)>;

class AuthStore {
 public:
  virtual ~AuthStore() = default;

  // Users. Errors: not_found, conflict (email taken; already set up).
  virtual Result<bool> has_users() = 0;
  /// Adds the user, their personal workspace (or the default one for the
  /// first owner) with them as owner, and what `NewUser` asks besides.
  virtual Result<UserRecord> create_user(NewUser user, Time now) = 0;
  virtual Result<UserRecord> get_user(std::string_view id) = 0;
  /// `email` normalised as stored.
  virtual Result<UserRecord> find_user_by_email(std::string_view email) = 0;
  /// Replaces the password hash. With `end_sessions`, also sets
  /// sessions_valid_after (seconds) and revokes every refresh token of the user.
  virtual Status set_password(std::string_view user_id, std::string_view password_hash,
                              std::optional<std::int64_t> end_sessions, Time now) = 0;

  // Workspaces and memberships. Errors: not_found; conflict (already a member;
  // the change would leave the workspace without an owner).
  virtual Result<WorkspaceRecord> get_workspace(std::string_view id) = 0;
  virtual Result<MembershipRecord> get_membership(std::string_view workspace,
                                                  std::string_view user_id) = 0;
  /// Oldest member first.
  virtual Result<std::vector<MembershipRecord>> list_members(std::string_view workspace) = 0;
  /// Every workspace of the user, oldest membership first.
  virtual Result<std::vector<MembershipRecord>> list_memberships_of(std::string_view user_id) = 0;
  virtual Result<MembershipRecord> add_member(std::string_view workspace, std::string_view user_id,
                                              std::string_view role, Time now) = 0;
  virtual Result<MembershipRecord> set_role(std::string_view workspace, std::string_view user_id,
                                            std::string_view role) = 0;
  /// Also revokes the member's refresh tokens for the workspace and the API
  /// keys they created in it.
  virtual Status remove_member(std::string_view workspace, std::string_view user_id, Time now) = 0;

  // Refresh tokens.
  virtual Status insert_refresh_token(RefreshTokenRecord token) = 0;
  /// In one transaction: looks up `presented_hash`; when it is live and the
  /// user is a member of `next.workspace_id` (empty: the same workspace),
  /// marks it used and stores `next` in its family for its user. A token used
  /// before revokes its whole family (reuse detection).
  virtual Result<RefreshRotation> rotate_refresh_token(std::string_view presented_hash,
                                                       RefreshTokenRecord next, Time now) = 0;
  /// Revokes the family of the token; false when the token is unknown.
  virtual Result<bool> revoke_refresh_family(std::string_view token_hash, Time now) = 0;

  // API keys. Errors: not_found, conflict (prefix taken).
  virtual Result<ApiKeyRecord> insert_api_key(ApiKeyRecord key) = 0;
  /// Newest first, revoked ones included.
  virtual Result<std::vector<ApiKeyRecord>> list_api_keys(std::string_view workspace) = 0;
  /// The one lookup across workspaces: the prefix names the key.
  virtual Result<ApiKeyRecord> find_api_key(std::string_view prefix) = 0;
  virtual Result<ApiKeyRecord> revoke_api_key(std::string_view workspace, std::string_view id,
                                              Time now) = 0;
  virtual Status touch_api_key(std::string_view workspace, std::string_view id, Time now) = 0;

  // Credentials. Errors: not_found, conflict (name taken in the workspace).
  virtual Result<CredentialRecord> insert_credential(CredentialRecord credential) = 0;
  /// By name.
  virtual Result<std::vector<CredentialRecord>> list_credentials(std::string_view workspace) = 0;
  virtual Result<CredentialRecord> get_credential(std::string_view workspace,
                                                  std::string_view id) = 0;
  /// Replaces name, fields, sealed data and updated_at of (workspace_id, id).
  virtual Result<CredentialRecord> update_credential(CredentialRecord credential) = 0;
  virtual Status delete_credential(std::string_view workspace, std::string_view id) = 0;
  /// Re-seals every credential of every workspace in ONE transaction: the
  /// first error from `reseal` (or the database) leaves every row as it was.
  /// Returns how many were re-sealed.
  virtual Result<std::int64_t> reseal_credentials(const Reseal& reseal) = 0;
  /// How many credentials each vault key sealed, across workspaces (for key checks).
  virtual Result<std::vector<std::pair<std::string, std::int64_t>>> count_by_key() = 0;

  // Invites. Errors: not_found, conflict.
  virtual Result<InviteRecord> insert_invite(InviteRecord invite) = 0;
  virtual Result<InviteRecord> find_invite(std::string_view token_hash) = 0;
  /// Pending ones (not accepted, revoked or expired at `now`), newest first.
  virtual Result<std::vector<InviteRecord>> list_invites(std::string_view workspace, Time now) = 0;
  virtual Status revoke_invite(std::string_view workspace, std::string_view id, Time now) = 0;
  /// Pending invites bound to `email` (normalised), across workspaces, newest
  /// first, at most `limit`: what the person with that address may accept.
  virtual Result<std::vector<InviteRecord>> list_invites_for_email(std::string_view email, Time now,
                                                                   int limit) = 0;
  /// The invite `id` if it is bound to `email`; not_found otherwise (whether
  /// or not it exists for another address).
  virtual Result<InviteRecord> find_invite_for_email(std::string_view id,
                                                     std::string_view email) = 0;
  /// For an existing user: adds the membership and marks the invite
  /// accepted, in one transaction; conflict when it is no longer pending or
  /// the user is a member already.
  virtual Result<MembershipRecord> accept_invite(const InviteRecord& invite,
                                                 std::string_view user_id, Time now) = 0;

  // Audit log.
  virtual Status append_audit(AuditRecord record) = 0;
  /// Entries of `workspace` with id < before_id (0: from the newest), newest first.
  virtual Result<AuditPage> list_audit(std::string_view workspace, std::int64_t before_id,
                                       int limit) = 0;

  /// Deletes refresh tokens and invites past expiry, and audit entries
  /// older than `audit_before` when given; returns how many rows.
  virtual Result<std::int64_t> prune_auth(Time now, std::optional<Time> audit_before) = 0;
};

}  // namespace weft::store
