#pragma once
// The auth tables (migration 0002_auth.sql), as functions on a connection.
// Reads take any connection; writes take the write connection and run in one
// transaction each. One file per table group: auth_users.cpp,
// auth_members.cpp, auth_refresh.cpp, auth_api_keys.cpp,
// auth_credentials.cpp, auth_invites.cpp, auth_audit.cpp.

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "store/auth_store.hpp"
#include "store/sqlite/connection.hpp"

namespace weft::store::sqlite {

// Users and workspaces.
Result<bool> has_users(Connection& db);
Result<UserRecord> insert_user(Connection& db, NewUser user, Time now);
Result<UserRecord> select_user(Connection& db, std::string_view id);
Result<UserRecord> select_user_by_email(Connection& db, std::string_view email);
Status update_password(Connection& db, std::string_view user_id, std::string_view password_hash,
                       std::optional<std::int64_t> end_sessions, Time now);
Result<WorkspaceRecord> select_workspace(Connection& db, std::string_view id);

// Memberships.
Result<MembershipRecord> select_membership(Connection& db, std::string_view workspace,
                                           std::string_view user_id);
Result<std::vector<MembershipRecord>> select_members(Connection& db, std::string_view workspace);
Result<std::vector<MembershipRecord>> select_memberships_of(Connection& db,
                                                            std::string_view user_id);
/// Inserts without a transaction of its own (for use inside one); conflict
/// when the user is a member already.
Status insert_membership(Connection& db, std::string_view workspace, std::string_view user_id,
                         std::string_view role, Time now);
Result<MembershipRecord> add_member(Connection& db, std::string_view workspace,
                                    std::string_view user_id, std::string_view role, Time now);
Result<MembershipRecord> update_role(Connection& db, std::string_view workspace,
                                     std::string_view user_id, std::string_view role);
Status delete_member(Connection& db, std::string_view workspace, std::string_view user_id,
                     Time now);

// Refresh tokens.
Status insert_refresh_token(Connection& db, const RefreshTokenRecord& token);
Result<RefreshRotation> rotate_refresh_token(Connection& db, std::string_view presented_hash,
                                             RefreshTokenRecord next, Time now);
Result<bool> revoke_refresh_family(Connection& db, std::string_view token_hash, Time now);

// API keys.
Result<ApiKeyRecord> insert_api_key(Connection& db, ApiKeyRecord key);
Result<std::vector<ApiKeyRecord>> select_api_keys(Connection& db, std::string_view workspace);
Result<ApiKeyRecord> select_api_key_by_prefix(Connection& db, std::string_view prefix);
Result<ApiKeyRecord> revoke_api_key(Connection& db, std::string_view workspace, std::string_view id,
                                    Time now);
Status touch_api_key(Connection& db, std::string_view workspace, std::string_view id, Time now);

// Credentials.
Result<CredentialRecord> insert_credential(Connection& db, CredentialRecord credential);
Result<std::vector<CredentialRecord>> select_credentials(Connection& db,
                                                         std::string_view workspace);
Result<CredentialRecord> select_credential(Connection& db, std::string_view workspace,
                                           std::string_view id);
Result<CredentialRecord> update_credential(Connection& db, CredentialRecord credential);
Status delete_credential(Connection& db, std::string_view workspace, std::string_view id);
Result<std::int64_t> reseal_credentials(Connection& db, const Reseal& reseal);
Result<std::vector<std::pair<std::string, std::int64_t>>> count_credentials_by_key(Connection& db);

// Invites.
Result<InviteRecord> insert_invite(Connection& db, InviteRecord invite);
Result<InviteRecord> select_invite_by_token(Connection& db, std::string_view token_hash);
Result<std::vector<InviteRecord>> select_pending_invites(Connection& db, std::string_view workspace,
                                                         Time now);
Status revoke_invite(Connection& db, std::string_view workspace, std::string_view id, Time now);
Result<std::vector<InviteRecord>> select_pending_invites_for(Connection& db, std::string_view email,
                                                             Time now, int limit);
Result<InviteRecord> select_invite_for(Connection& db, std::string_view id, std::string_view email);
/// Marks the invite accepted by `user_id` if it is still pending (inside a transaction).
Status mark_invite_accepted(Connection& db, std::string_view workspace, std::string_view id,
                            std::string_view user_id, Time now);
Result<MembershipRecord> accept_invite(Connection& db, const InviteRecord& invite,
                                       std::string_view user_id, Time now);

// Audit log and housekeeping.
Status insert_audit(Connection& db, const AuditRecord& record);
Result<AuditPage> select_audit(Connection& db, std::string_view workspace, std::int64_t before_id,
                               int limit);
Result<std::int64_t> prune_auth(Connection& db, Time now, std::optional<Time> audit_before);

}  // namespace weft::store::sqlite
