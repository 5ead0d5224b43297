#include "auth/member_service.hpp"

#include "auth/auth_core.hpp"
#include "auth/encoding.hpp"
#include "auth/identity.hpp"
#include "common/ids.hpp"

namespace weft::auth {

namespace {

Error forbidden(std::string message) {
  return Error::make(ErrorCode::forbidden, std::move(message));
}

MemberInfo member_info(const store::MembershipRecord& membership) {
  return {membership.user_id, membership.email, membership.name, detail::role_of(membership),
          membership.created_at};
}

InviteInfo invite_info(const store::InviteRecord& invite) {
  InviteInfo info;
  info.id = invite.id;
  info.workspace_id = invite.workspace_id;
  info.role = parse_role(invite.role).value_or(Role::viewer);
  info.email = invite.email;
  info.created_by = invite.created_by;
  info.created_at = invite.created_at;
  info.expires_at = invite.expires_at;
  return info;
}

Error no_invite() {
  return Error::make(ErrorCode::not_found,
                     "this invite link is not valid: it was used, withdrawn or has expired");
}

}  // namespace

Status MemberService::check_may_assign(const Caller& caller, std::optional<Role> current,
                                       Role role) {
  if (!caller.may(Action::manage)) {
    return forbidden("managing members needs the admin role");
  }
  if (role > caller.role) {
    return forbidden("you cannot grant a role above your own (" +
                     std::string(to_string(caller.role)) + ")");
  }
  if (current && *current > caller.role) {
    return forbidden("only an owner can change or remove an owner");
  }
  return Ok{};
}

Result<std::vector<MemberInfo>> MemberService::list(const Caller& caller) {
  if (!caller.may(Action::read)) {
    return forbidden("listing members needs a member's access");
  }
  auto members = core_.db.list_members(caller.workspace_id);
  if (!members) {
    return std::move(members).error();
  }
  std::vector<MemberInfo> out;
  out.reserve(members->size());
  for (const auto& membership : *members) {
    out.push_back(member_info(membership));
  }
  return out;
}

Result<AddedMember> MemberService::invite_email(const Caller& caller, std::string_view email,
                                                Role role) {
  if (auto allowed = check_may_assign(caller, std::nullopt, role); !allowed) {
    return std::move(allowed).error();
  }
  auto normal = normalize_email(email);
  if (!normal) {
    return std::move(normal).error();
  }
  auto user = core_.db.find_user_by_email(*normal);
  if (!user && user.error().code != ErrorCode::not_found) {
    return std::move(user).error();
  }
  if (user) {
    auto membership = core_.db.get_membership(caller.workspace_id, user->id);
    if (membership) {
      return Error::make(ErrorCode::conflict, *normal + " is a member of this workspace already");
    }
    if (membership.error().code != ErrorCode::not_found) {
      return std::move(membership).error();
    }
  }
  if (auto withdrawn = withdraw_invitations_of(caller, *normal); !withdrawn) {
    return std::move(withdrawn).error();
  }
  // Accepted by the account signed in with this address, never through a
  // link: the token is drawn only because every invite has one.
  auto stored = store_invite(caller, role, *normal, random_token());
  if (!stored) {
    return std::move(stored).error();
  }
  core_.audit.record(AuditEvent::by(caller, "invite.created", stored->id,
                                    {{"role", stored->role}, {"email", *normal}}));
  return AddedMember{AddOutcome::invited, std::move(*normal), role};
}

Result<AddedMember> MemberService::create(const Caller& caller, NewAccount account, Role role) {
  if (auto allowed = check_may_assign(caller, std::nullopt, role); !allowed) {
    wipe(account.password);
    return std::move(allowed).error();
  }
  // Hashed first, whether or not the address has an account: the time of
  // the answer must not tell.
  auto checked = core_.check_account(std::move(account));
  if (!checked) {
    return std::move(checked).error();
  }
  auto existing = core_.db.find_user_by_email(checked->email);
  if (existing) {
    return invite_email(caller, checked->email, role);
  }
  if (existing.error().code != ErrorCode::not_found) {
    return std::move(existing).error();
  }
  store::NewUser user;
  user.user.id = new_id("usr");
  user.user.email = checked->email;
  user.user.name = std::move(checked->name);
  user.user.password_hash = std::move(checked->password_hash);
  user.join_workspace = caller.workspace_id;
  user.join_role = std::string(to_string(role));
  auto created = core_.db.create_user(std::move(user), core_.now());
  if (!created) {
    // Made by someone else meanwhile: an account that exists is invited.
    return created.error().code == ErrorCode::conflict
               ? invite_email(caller, checked->email, role)
               : Result<AddedMember>(std::move(created).error());
  }
  core_.audit.record(
      AuditEvent::by(caller, "member.created", created->id, {{"role", to_string(role)}}));
  return AddedMember{AddOutcome::created, std::move(checked->email), role};
}

Result<MemberInfo> MemberService::change_role(const Caller& caller, std::string_view user_id,
                                              Role role) {
  auto current = core_.db.get_membership(caller.workspace_id, user_id);
  if (!current) {
    return std::move(current).error();
  }
  if (auto allowed = check_may_assign(caller, detail::role_of(*current), role); !allowed) {
    return std::move(allowed).error();
  }
  auto changed = core_.db.set_role(caller.workspace_id, user_id, to_string(role));
  if (!changed) {
    return std::move(changed).error();
  }
  core_.callers.forget_all();
  core_.audit.record(AuditEvent::by(caller, "member.role_changed", std::string(user_id),
                                    {{"from", current->role}, {"to", to_string(role)}}));
  return member_info(*changed);
}

Status MemberService::remove(const Caller& caller, std::string_view user_id) {
  auto current = core_.db.get_membership(caller.workspace_id, user_id);
  if (!current) {
    return std::move(current).error();
  }
  const bool leaving = user_id == caller.user_id && !caller.is_api_key();
  if (!leaving) {
    const Role role = detail::role_of(*current);
    if (auto allowed = check_may_assign(caller, role, Role::viewer); !allowed) {
      return allowed;
    }
  }
  if (auto removed = core_.db.remove_member(caller.workspace_id, user_id, core_.now()); !removed) {
    return removed;
  }
  core_.callers.forget_all();
  core_.audit.record(
      AuditEvent::by(caller, leaving ? "member.left" : "member.removed", std::string(user_id)));
  return Ok{};
}

Result<CreatedInvite> MemberService::invite(const Caller& caller, Role role,
                                            std::optional<std::string> email) {
  if (auto allowed = check_may_assign(caller, std::nullopt, role); !allowed) {
    return std::move(allowed).error();
  }
  if (email) {
    auto normal = normalize_email(*email);
    if (!normal) {
      return std::move(normal).error();
    }
    email = std::move(*normal);
  }
  CreatedInvite created;
  created.token = random_token();
  auto stored = store_invite(caller, role, std::move(email), created.token);
  if (!stored) {
    return std::move(stored).error();
  }
  created.invite = invite_info(*stored);
  core_.audit.record(
      AuditEvent::by(caller, "invite.created", stored->id, {{"role", stored->role}}));
  return created;
}

Result<store::InviteRecord> MemberService::store_invite(const Caller& caller, Role role,
                                                        std::optional<std::string> email,
                                                        std::string_view token) {
  const store::Time at = core_.now();
  store::InviteRecord record;
  record.workspace_id = caller.workspace_id;
  record.id = new_id("inv");
  record.token_hash = sha256_hex(token);
  record.role = std::string(to_string(role));
  record.email = std::move(email);
  record.created_by = caller.user_id;
  record.created_at = at;
  record.expires_at = at + core_.options.invite_lifetime;
  return core_.db.insert_invite(std::move(record));
}

Status MemberService::withdraw_invitations_of(const Caller& caller, std::string_view email) {
  const store::Time at = core_.now();
  auto pending = core_.db.list_invites(caller.workspace_id, at);
  if (!pending) {
    return std::move(pending).error();
  }
  for (const auto& invite : *pending) {
    if (invite.email == email) {
      // not_found: accepted or withdrawn meanwhile, which is as good.
      if (auto revoked = core_.db.revoke_invite(caller.workspace_id, invite.id, at);
          !revoked && revoked.error().code != ErrorCode::not_found) {
        return revoked;
      }
    }
  }
  return Ok{};
}

Result<std::vector<InviteInfo>> MemberService::list_invites(const Caller& caller) {
  if (!caller.may(Action::manage)) {
    return forbidden("listing invites needs the admin role");
  }
  auto invites = core_.db.list_invites(caller.workspace_id, core_.now());
  if (!invites) {
    return std::move(invites).error();
  }
  std::vector<InviteInfo> out;
  for (const auto& invite : *invites) {
    out.push_back(invite_info(invite));
  }
  return out;
}

Status MemberService::revoke_invite(const Caller& caller, std::string_view invite_id) {
  if (!caller.may(Action::manage)) {
    return forbidden("withdrawing invites needs the admin role");
  }
  if (auto revoked = core_.db.revoke_invite(caller.workspace_id, invite_id, core_.now());
      !revoked) {
    return revoked;
  }
  core_.audit.record(AuditEvent::by(caller, "invite.revoked", std::string(invite_id)));
  return Ok{};
}

Result<store::InviteRecord> MemberService::pending_invite(std::string_view token) {
  auto invite = core_.db.find_invite(sha256_hex(token));
  if (!invite) {
    return invite.error().code == ErrorCode::not_found ? no_invite() : std::move(invite).error();
  }
  if (invite->accepted_at || invite->revoked_at || invite->expires_at <= core_.now()) {
    return no_invite();
  }
  return invite;
}

Result<InviteInfo> MemberService::describe_invite(std::string_view token) {
  auto invite = pending_invite(token);
  if (!invite) {
    return std::move(invite).error();
  }
  auto workspace = core_.db.get_workspace(invite->workspace_id);
  if (!workspace) {
    return std::move(workspace).error();
  }
  InviteInfo info = invite_info(*invite);
  info.workspace_name = workspace->name;
  return info;
}

Result<Session> MemberService::accept_invite(std::string_view token, NewAccount account,
                                             std::string_view remote) {
  auto invite = pending_invite(token);
  auto email = normalize_email(account.email);
  if (!invite || !email) {
    wipe(account.password);
    return !invite ? std::move(invite).error() : std::move(email).error();
  }
  if (invite->email && *invite->email != *email) {
    wipe(account.password);
    return forbidden("this invite is for another email address");
  }
  auto existing = core_.db.find_user_by_email(*email);
  if (existing) {
    return join_as_existing(*invite, *existing, std::move(account), remote);
  }
  if (existing.error().code != ErrorCode::not_found) {
    wipe(account.password);
    return std::move(existing).error();
  }
  auto checked = core_.check_account(std::move(account));
  if (!checked) {
    return std::move(checked).error();
  }
  store::NewUser user;
  user.user.id = new_id("usr");
  user.user.email = std::move(checked->email);
  user.user.name = std::move(checked->name);
  user.user.password_hash = std::move(checked->password_hash);
  user.join_workspace = invite->workspace_id;
  user.join_role = invite->role;
  user.invite_id = invite->id;
  auto created = core_.db.create_user(std::move(user), core_.now());
  if (!created) {
    return std::move(created).error();
  }
  auto membership = core_.db.get_membership(invite->workspace_id, created->id);
  if (!membership) {
    return std::move(membership).error();
  }
  AuditEvent event;
  event.action = "invite.accepted";
  event.workspace_id = invite->workspace_id;
  event.actor_user_id = created->id;
  event.target = invite->id;
  event.remote = std::string(remote);
  event.details = {{"role", invite->role}, {"new_account", true}};
  core_.audit.record(std::move(event));
  return core_.start_session(*created, *membership);
}

Result<Session> MemberService::join_as_existing(const store::InviteRecord& invite,
                                                const store::UserRecord& user, NewAccount account,
                                                std::string_view remote) {
  // The same limits as a login: an invite link is no way around them.
  const auto steady = std::chrono::steady_clock::now();
  if (auto wait = core_.limiter.blocked_for(user.email, remote, steady)) {
    wipe(account.password);
    return too_many_failures("sign-ins for this account", *wait);
  }
  const bool matches = core_.hasher.verify(user.password_hash, account.password);
  wipe(account.password);
  if (!matches) {
    core_.limiter.record_failure(user.email, remote, steady);
    return Error::make(ErrorCode::unauthenticated,
                       "an account with this email exists; enter its password to join");
  }
  auto membership = core_.db.accept_invite(invite, user.id, core_.now());
  if (!membership) {
    return std::move(membership).error();
  }
  AuditEvent event;
  event.action = "invite.accepted";
  event.workspace_id = invite.workspace_id;
  event.actor_user_id = user.id;
  event.target = invite.id;
  event.remote = std::string(remote);
  event.details = {{"role", invite.role}, {"new_account", false}};
  core_.audit.record(std::move(event));
  return core_.start_session(user, *membership);
}

}  // namespace weft::auth
