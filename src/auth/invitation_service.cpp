#include "auth/invitation_service.hpp"

#include "auth/auth_core.hpp"

namespace weft::auth {

namespace {

/// Enough for anyone; more would be someone filling the list on purpose.
constexpr int kMaxInvitations = 50;

Error only_people() {
  return Error::make(ErrorCode::forbidden,
                     "invitations are for people: an API key has none to accept");
}

Error no_invitation(std::string_view id) {
  return Error::make(ErrorCode::not_found, "no pending invitation `" + std::string(id) +
                                               "` for you: it was withdrawn, declined, "
                                               "accepted or has expired");
}

bool pending(const store::InviteRecord& invite, store::Time now) {
  return !invite.accepted_at && !invite.revoked_at && invite.expires_at > now;
}

AuditEvent invitee_event(const Caller& caller, std::string action,
                         const store::InviteRecord& invite) {
  // Recorded in the inviting workspace, whose admins follow their invites.
  AuditEvent event = AuditEvent::by(caller, std::move(action), invite.id, {{"role", invite.role}});
  event.workspace_id = invite.workspace_id;
  return event;
}

}  // namespace

Result<std::vector<Invitation>> InvitationService::list(const Caller& caller) {
  if (caller.is_api_key()) {
    return only_people();
  }
  auto user = core_.db.get_user(caller.user_id);
  if (!user) {
    return std::move(user).error();
  }
  auto invites = core_.db.list_invites_for_email(user->email, core_.now(), kMaxInvitations);
  if (!invites) {
    return std::move(invites).error();
  }
  std::vector<Invitation> out;
  out.reserve(invites->size());
  for (const auto& invite : *invites) {
    Invitation item;
    item.id = invite.id;
    item.workspace_id = invite.workspace_id;
    item.role = parse_role(invite.role).value_or(Role::viewer);  // never more than stored
    item.created_at = invite.created_at;
    item.expires_at = invite.expires_at;
    if (auto workspace = core_.db.get_workspace(invite.workspace_id)) {
      item.workspace_name = workspace->name;
    }
    if (auto inviter = core_.db.get_user(invite.created_by)) {
      item.invited_by = inviter->name.empty() ? inviter->email : inviter->name;
    }
    out.push_back(std::move(item));
  }
  return out;
}

Result<store::InviteRecord> InvitationService::addressed_to_caller(const Caller& caller,
                                                                   std::string_view invite_id) {
  if (caller.is_api_key()) {
    return only_people();
  }
  auto user = core_.db.get_user(caller.user_id);
  if (!user) {
    return std::move(user).error();
  }
  auto invite = core_.db.find_invite_for_email(invite_id, user->email);
  if (!invite) {
    return invite.error().code == ErrorCode::not_found ? no_invitation(invite_id)
                                                       : std::move(invite).error();
  }
  if (!pending(*invite, core_.now())) {
    return no_invitation(invite_id);
  }
  return invite;
}

Result<WorkspaceInfo> InvitationService::accept(const Caller& caller, std::string_view invite_id) {
  auto invite = addressed_to_caller(caller, invite_id);
  if (!invite) {
    return std::move(invite).error();
  }
  auto membership = core_.db.accept_invite(*invite, caller.user_id, core_.now());
  if (!membership) {
    if (membership.error().code == ErrorCode::conflict &&
        core_.db.get_membership(invite->workspace_id, caller.user_id)) {
      return Error::make(ErrorCode::conflict, "you are a member of this workspace already");
    }
    return std::move(membership).error();
  }
  core_.audit.record(invitee_event(caller, "invite.accepted", *invite));
  return detail::workspace_info(*membership);
}

Status InvitationService::decline(const Caller& caller, std::string_view invite_id) {
  auto invite = addressed_to_caller(caller, invite_id);
  if (!invite) {
    return std::move(invite).error();
  }
  if (auto revoked = core_.db.revoke_invite(invite->workspace_id, invite->id, core_.now());
      !revoked) {
    return revoked.error().code == ErrorCode::not_found ? Status(no_invitation(invite_id))
                                                        : revoked;
  }
  core_.audit.record(invitee_event(caller, "invite.declined", *invite));
  return Ok{};
}

}  // namespace weft::auth
