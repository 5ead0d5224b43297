#pragma once
// Members of the caller's workspace: list, invite by email, create an
// account, change roles, remove; invite links (created once, shown once,
// accepted with an email and password).
//
// Nobody becomes a member of a workspace without saying yes: adding an
// address makes an invitation that its account accepts or declines
// (InvitationService); only an account made here, which did not exist
// before, joins at once. Whether an address has an account is never told:
// both ways of adding answer the same (AddedMember is for tests and the
// audit log, not for the answer).
//
// Who may do what: any member may list members and leave; managing needs
// Action::manage (admin, owner). Nobody grants a role above their own or
// touches a member whose role is above their own, so only owners make or
// unmake owners, and a workspace never loses its last owner (conflict).
//
// For the HTTP layer: the invite token goes into a link the editor opens
// (e.g. /invite#<token>); describe_invite and accept_invite are public routes.
// Thread-safe.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/caller.hpp"
#include "auth/session.hpp"
#include "common/result.hpp"
#include "store/auth_store.hpp"

namespace weft::auth {

namespace detail {
struct AuthCore;
}

struct MemberInfo {
  std::string user_id;
  std::string email;
  std::string name;
  Role role = Role::viewer;
  Time joined_at;
};

struct InviteInfo {
  std::string id;
  std::string workspace_id;
  std::string workspace_name;  ///< filled by describe_invite
  Role role = Role::viewer;
  std::optional<std::string> email;  ///< only this address may accept
  std::string created_by;
  Time created_at;
  Time expires_at;
};

enum class AddOutcome {
  invited,  ///< an invitation for the address, pending until its account says yes
  created,  ///< a new account, a member at once
};

/// What adding someone by email did.
struct AddedMember {
  AddOutcome outcome = AddOutcome::invited;
  std::string email;  ///< normalised
  Role role = Role::viewer;
};

struct CreatedInvite {
  InviteInfo invite;
  std::string token;  ///< shown once; only its hash is kept
};

class MemberService {
 public:
  explicit MemberService(detail::AuthCore& core) : core_(core) {}

  Result<std::vector<MemberInfo>> list(const Caller& caller);
  /// Invites `email` with `role`: an invitation bound to the address, made
  /// whether or not it has an account, which that account accepts or
  /// declines in the editor. A newer invitation of the same address replaces
  /// a pending one. conflict when the address is a member already (which the
  /// member list shows anyway).
  Result<AddedMember> invite_email(const Caller& caller, std::string_view email, Role role);
  /// Creates an account (with a workspace of its own) that is a member with
  /// `role` at once; when the email has an account already, invites it
  /// instead, after the same hashing work, so that the time does not tell.
  Result<AddedMember> create(const Caller& caller, NewAccount account, Role role);
  Result<MemberInfo> change_role(const Caller& caller, std::string_view user_id, Role role);
  /// Removes a member (or the caller themselves, which needs no manage
  /// right); their sessions in the workspace and the API keys they made there end.
  Status remove(const Caller& caller, std::string_view user_id);

  /// An invite link's token for `role`, valid for AuthOptions::invite_lifetime;
  /// limited to one email address when given.
  Result<CreatedInvite> invite(const Caller& caller, Role role,
                               std::optional<std::string> email = std::nullopt);
  /// Pending invites, newest first.
  Result<std::vector<InviteInfo>> list_invites(const Caller& caller);
  Status revoke_invite(const Caller& caller, std::string_view invite_id);
  /// What an invite is for (public: the accept page shows it); not_found when
  /// it is unknown, used, withdrawn or expired.
  Result<InviteInfo> describe_invite(std::string_view token);
  /// Joins the invite's workspace: with the password of an existing account
  /// for that email, or by creating the account. Logs in there.
  Result<Session> accept_invite(std::string_view token, NewAccount account,
                                std::string_view remote);

 private:
  /// forbidden unless the caller may manage and outranks (or equals) both
  /// the member's current role and `role`.
  Status check_may_assign(const Caller& caller, std::optional<Role> current, Role role);
  Result<store::InviteRecord> pending_invite(std::string_view token);
  /// Stores an invite of the caller's workspace; its token only as a hash.
  Result<store::InviteRecord> store_invite(const Caller& caller, Role role,
                                           std::optional<std::string> email,
                                           std::string_view token);
  /// Withdraws the pending invitations of `email` in the caller's workspace.
  Status withdraw_invitations_of(const Caller& caller, std::string_view email);
  Result<Session> join_as_existing(const store::InviteRecord& invite, const store::UserRecord& user,
                                   NewAccount account, std::string_view remote);

  detail::AuthCore& core_;
};

}  // namespace weft::auth
