#pragma once
// The SQLite AuthStore: the auth tables of the same file as the rest of the
// store, read through its read pool and written through its write connection
// (one transaction per call, taking turns with the group-commit writer).

#include "store/auth_store.hpp"
#include "store/sqlite/read_pool.hpp"
#include "store/sqlite/write_connection.hpp"

namespace weft::store::sqlite {

class SqliteAuthStore final : public AuthStore {
 public:
  /// Both must outlive this object.
  SqliteAuthStore(WriteConnection& writer, ReadPool& readers)
      : writer_(writer), readers_(readers) {}

  Result<bool> has_users() override;
  Result<UserRecord> create_user(NewUser user, Time now) override;
  Result<UserRecord> get_user(std::string_view id) override;
  Result<UserRecord> find_user_by_email(std::string_view email) override;
  Status set_password(std::string_view user_id, std::string_view password_hash,
                      std::optional<std::int64_t> end_sessions, Time now) override;

  Result<WorkspaceRecord> get_workspace(std::string_view id) override;
  Result<MembershipRecord> get_membership(std::string_view workspace,
                                          std::string_view user_id) override;
  Result<std::vector<MembershipRecord>> list_members(std::string_view workspace) override;
  Result<std::vector<MembershipRecord>> list_memberships_of(std::string_view user_id) override;
  Result<MembershipRecord> add_member(std::string_view workspace, std::string_view user_id,
                                      std::string_view role, Time now) override;
  Result<MembershipRecord> set_role(std::string_view workspace, std::string_view user_id,
                                    std::string_view role) override;
  Status remove_member(std::string_view workspace, std::string_view user_id, Time now) override;

  Status insert_refresh_token(RefreshTokenRecord token) override;
  Result<RefreshRotation> rotate_refresh_token(std::string_view presented_hash,
                                               RefreshTokenRecord next, Time now) override;
  Result<bool> revoke_refresh_family(std::string_view token_hash, Time now) override;

  Result<ApiKeyRecord> insert_api_key(ApiKeyRecord key) override;
  Result<std::vector<ApiKeyRecord>> list_api_keys(std::string_view workspace) override;
  Result<ApiKeyRecord> find_api_key(std::string_view prefix) override;
  Result<ApiKeyRecord> revoke_api_key(std::string_view workspace, std::string_view id,
                                      Time now) override;
  Status touch_api_key(std::string_view workspace, std::string_view id, Time now) override;

  Result<CredentialRecord> insert_credential(CredentialRecord credential) override;
  Result<std::vector<CredentialRecord>> list_credentials(std::string_view workspace) override;
  Result<CredentialRecord> get_credential(std::string_view workspace, std::string_view id) override;
  Result<CredentialRecord> update_credential(CredentialRecord credential) override;
  Status delete_credential(std::string_view workspace, std::string_view id) override;
  Result<std::int64_t> reseal_credentials(const Reseal& reseal) override;
  Result<std::vector<std::pair<std::string, std::int64_t>>> count_by_key() override;

  Result<InviteRecord> insert_invite(InviteRecord invite) override;
  Result<InviteRecord> find_invite(std::string_view token_hash) override;
  Result<std::vector<InviteRecord>> list_invites(std::string_view workspace, Time now) override;
  Status revoke_invite(std::string_view workspace, std::string_view id, Time now) override;
  Result<std::vector<InviteRecord>> list_invites_for_email(std::string_view email, Time now,
                                                           int limit) override;
  Result<InviteRecord> find_invite_for_email(std::string_view id, std::string_view email) override;
  Result<MembershipRecord> accept_invite(const InviteRecord& invite, std::string_view user_id,
                                         Time now) override;

  Status append_audit(AuditRecord record) override;
  Result<AuditPage> list_audit(std::string_view workspace, std::int64_t before_id,
                               int limit) override;

  Result<std::int64_t> prune_auth(Time now, std::optional<Time> audit_before) override;

 private:
  /// Runs `body` on a read connection of this thread's own for the call.
  template <class Body>
  auto read(std::string_view doing, Body&& body) -> decltype(body(std::declval<Connection&>()));
  /// Runs `body` on the write connection.
  template <class Body>
  auto write(std::string_view doing, Body&& body) -> decltype(body(std::declval<Connection&>()));

  WriteConnection& writer_;
  ReadPool& readers_;
};

}  // namespace weft::store::sqlite
