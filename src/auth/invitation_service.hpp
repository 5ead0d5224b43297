#pragma once
// The invitee's side of invitations: the invitations addressed to the
// caller's own email (made by MemberService::invite_email, or invite links
// limited to that address), accepted or declined by the signed-in account.
// Accepting is the only way an existing account joins a workspace without
// a link and its password; a login never lands in a workspace it did not
// accept (or was created into).
//
// For the HTTP layer: GET /api/me/invitations, POST
// /api/me/invitations/{id}/accept and …/decline. An invitation addressed to
// another email is not_found, like one that does not exist. API keys get
// forbidden. Thread-safe.

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

/// A pending invitation as its invitee sees it.
struct Invitation {
  std::string id;
  std::string workspace_id;
  std::string workspace_name;
  Role role = Role::viewer;
  std::string invited_by;  ///< the inviter's name (their email when they have none)
  Time created_at;
  Time expires_at;
};

class InvitationService {
 public:
  explicit InvitationService(detail::AuthCore& core) : core_(core) {}

  /// Pending invitations for the caller's email, newest first (at most 50).
  Result<std::vector<Invitation>> list(const Caller& caller);
  /// Joins the invitation's workspace with its role; the answer names the
  /// workspace, for the editor to switch to (refresh with `workspace`).
  /// conflict when the caller is a member there already.
  Result<WorkspaceInfo> accept(const Caller& caller, std::string_view invite_id);
  /// Says no: the invitation is withdrawn, and the inviter's list shows it no more.
  Status decline(const Caller& caller, std::string_view invite_id);

 private:
  /// The pending invite `invite_id` addressed to the caller's email.
  Result<store::InviteRecord> addressed_to_caller(const Caller& caller, std::string_view invite_id);

  detail::AuthCore& core_;
};

}  // namespace weft::auth
