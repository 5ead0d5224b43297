#include "store/sqlite/auth_store.hpp"

#include <utility>

#include "store/sqlite/auth_queries.hpp"
#include "store/sqlite/guarded.hpp"

namespace weft::store::sqlite {

template <class Body>
auto SqliteAuthStore::read(std::string_view doing, Body&& body)
    -> decltype(body(std::declval<Connection&>())) {
  return guarded_read(readers_, doing, std::forward<Body>(body));
}

template <class Body>
auto SqliteAuthStore::write(std::string_view doing, Body&& body)
    -> decltype(body(std::declval<Connection&>())) {
  return guarded_write(writer_, doing, std::forward<Body>(body));
}

Result<bool> SqliteAuthStore::has_users() {
  return read("looking for users", [&](Connection& db) { return sqlite::has_users(db); });
}

Result<UserRecord> SqliteAuthStore::create_user(NewUser user, Time now) {
  return write("creating the user",
               [&](Connection& db) { return insert_user(db, std::move(user), now); });
}

Result<UserRecord> SqliteAuthStore::get_user(std::string_view id) {
  return read("reading the user", [&](Connection& db) { return select_user(db, id); });
}

Result<UserRecord> SqliteAuthStore::find_user_by_email(std::string_view email) {
  return read("reading the user", [&](Connection& db) { return select_user_by_email(db, email); });
}

Status SqliteAuthStore::set_password(std::string_view user_id, std::string_view password_hash,
                                     std::optional<std::int64_t> end_sessions, Time now) {
  return write("saving the password", [&](Connection& db) {
    return update_password(db, user_id, password_hash, end_sessions, now);
  });
}

Result<WorkspaceRecord> SqliteAuthStore::get_workspace(std::string_view id) {
  return read("reading the workspace", [&](Connection& db) { return select_workspace(db, id); });
}

Result<MembershipRecord> SqliteAuthStore::get_membership(std::string_view workspace,
                                                         std::string_view user_id) {
  return read("reading the membership",
              [&](Connection& db) { return select_membership(db, workspace, user_id); });
}

Result<std::vector<MembershipRecord>> SqliteAuthStore::list_members(std::string_view workspace) {
  return read("listing members", [&](Connection& db) { return select_members(db, workspace); });
}

Result<std::vector<MembershipRecord>> SqliteAuthStore::list_memberships_of(
    std::string_view user_id) {
  return read("listing workspaces",
              [&](Connection& db) { return select_memberships_of(db, user_id); });
}

Result<MembershipRecord> SqliteAuthStore::add_member(std::string_view workspace,
                                                     std::string_view user_id,
                                                     std::string_view role, Time now) {
  return write("adding the member", [&](Connection& db) {
    return sqlite::add_member(db, workspace, user_id, role, now);
  });
}

Result<MembershipRecord> SqliteAuthStore::set_role(std::string_view workspace,
                                                   std::string_view user_id,
                                                   std::string_view role) {
  return write("changing the role",
               [&](Connection& db) { return update_role(db, workspace, user_id, role); });
}

Status SqliteAuthStore::remove_member(std::string_view workspace, std::string_view user_id,
                                      Time now) {
  return write("removing the member",
               [&](Connection& db) { return delete_member(db, workspace, user_id, now); });
}

Status SqliteAuthStore::insert_refresh_token(RefreshTokenRecord token) {
  return write("saving the session",
               [&](Connection& db) { return sqlite::insert_refresh_token(db, token); });
}

Result<RefreshRotation> SqliteAuthStore::rotate_refresh_token(std::string_view presented_hash,
                                                              RefreshTokenRecord next, Time now) {
  return write("refreshing the session", [&](Connection& db) {
    return sqlite::rotate_refresh_token(db, presented_hash, std::move(next), now);
  });
}

Result<bool> SqliteAuthStore::revoke_refresh_family(std::string_view token_hash, Time now) {
  return write("ending the session",
               [&](Connection& db) { return sqlite::revoke_refresh_family(db, token_hash, now); });
}

Result<ApiKeyRecord> SqliteAuthStore::insert_api_key(ApiKeyRecord key) {
  return write("saving the API key",
               [&](Connection& db) { return sqlite::insert_api_key(db, std::move(key)); });
}

Result<std::vector<ApiKeyRecord>> SqliteAuthStore::list_api_keys(std::string_view workspace) {
  return read("listing API keys", [&](Connection& db) { return select_api_keys(db, workspace); });
}

Result<ApiKeyRecord> SqliteAuthStore::find_api_key(std::string_view prefix) {
  return read("reading the API key",
              [&](Connection& db) { return select_api_key_by_prefix(db, prefix); });
}

Result<ApiKeyRecord> SqliteAuthStore::revoke_api_key(std::string_view workspace,
                                                     std::string_view id, Time now) {
  return write("revoking the API key",
               [&](Connection& db) { return sqlite::revoke_api_key(db, workspace, id, now); });
}

Status SqliteAuthStore::touch_api_key(std::string_view workspace, std::string_view id, Time now) {
  return write("noting the API key's use",
               [&](Connection& db) { return sqlite::touch_api_key(db, workspace, id, now); });
}

Result<CredentialRecord> SqliteAuthStore::insert_credential(CredentialRecord credential) {
  return write("saving the credential", [&](Connection& db) {
    return sqlite::insert_credential(db, std::move(credential));
  });
}

Result<std::vector<CredentialRecord>> SqliteAuthStore::list_credentials(
    std::string_view workspace) {
  return read("listing credentials",
              [&](Connection& db) { return select_credentials(db, workspace); });
}

Result<CredentialRecord> SqliteAuthStore::get_credential(std::string_view workspace,
                                                         std::string_view id) {
  return read("reading the credential",
              [&](Connection& db) { return select_credential(db, workspace, id); });
}

Result<CredentialRecord> SqliteAuthStore::update_credential(CredentialRecord credential) {
  return write("saving the credential", [&](Connection& db) {
    return sqlite::update_credential(db, std::move(credential));
  });
}

Status SqliteAuthStore::delete_credential(std::string_view workspace, std::string_view id) {
  return write("deleting the credential",
               [&](Connection& db) { return sqlite::delete_credential(db, workspace, id); });
}

Result<std::int64_t> SqliteAuthStore::reseal_credentials(const Reseal& reseal) {
  return write("re-encrypting credentials",
               [&](Connection& db) { return sqlite::reseal_credentials(db, reseal); });
}

Result<std::vector<std::pair<std::string, std::int64_t>>> SqliteAuthStore::count_by_key() {
  return read("counting credentials", [&](Connection& db) { return count_credentials_by_key(db); });
}

Result<InviteRecord> SqliteAuthStore::insert_invite(InviteRecord invite) {
  return write("saving the invite",
               [&](Connection& db) { return sqlite::insert_invite(db, std::move(invite)); });
}

Result<InviteRecord> SqliteAuthStore::find_invite(std::string_view token_hash) {
  return read("reading the invite",
              [&](Connection& db) { return select_invite_by_token(db, token_hash); });
}

Result<std::vector<InviteRecord>> SqliteAuthStore::list_invites(std::string_view workspace,
                                                                Time now) {
  return read("listing invites",
              [&](Connection& db) { return select_pending_invites(db, workspace, now); });
}

Status SqliteAuthStore::revoke_invite(std::string_view workspace, std::string_view id, Time now) {
  return write("withdrawing the invite",
               [&](Connection& db) { return sqlite::revoke_invite(db, workspace, id, now); });
}

Result<std::vector<InviteRecord>> SqliteAuthStore::list_invites_for_email(std::string_view email,
                                                                          Time now, int limit) {
  return read("listing your invitations",
              [&](Connection& db) { return select_pending_invites_for(db, email, now, limit); });
}

Result<InviteRecord> SqliteAuthStore::find_invite_for_email(std::string_view id,
                                                            std::string_view email) {
  return read("reading the invitation",
              [&](Connection& db) { return select_invite_for(db, id, email); });
}

Result<MembershipRecord> SqliteAuthStore::accept_invite(const InviteRecord& invite,
                                                        std::string_view user_id, Time now) {
  return write("accepting the invite",
               [&](Connection& db) { return sqlite::accept_invite(db, invite, user_id, now); });
}

Status SqliteAuthStore::append_audit(AuditRecord record) {
  return write("writing the audit log", [&](Connection& db) { return insert_audit(db, record); });
}

Result<AuditPage> SqliteAuthStore::list_audit(std::string_view workspace, std::int64_t before_id,
                                              int limit) {
  return read("reading the audit log",
              [&](Connection& db) { return select_audit(db, workspace, before_id, limit); });
}

Result<std::int64_t> SqliteAuthStore::prune_auth(Time now, std::optional<Time> audit_before) {
  return write("pruning expired sessions",
               [&](Connection& db) { return sqlite::prune_auth(db, now, audit_before); });
}

}  // namespace weft::store::sqlite
