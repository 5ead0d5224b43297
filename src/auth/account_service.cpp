#include "auth/account_service.hpp"

#include <algorithm>

#include "auth/auth_core.hpp"
#include "auth/encoding.hpp"
#include "auth/identity.hpp"
#include "common/ids.hpp"

namespace weft::auth {

namespace {

constexpr std::string_view kWrongLogin = "the email or password is wrong";

Error wrong_login() {
  return Error::make(ErrorCode::unauthenticated, std::string(kWrongLogin));
}

/// The rate-limiter key of an email as typed (normalised when it can be).
std::string account_key(std::string_view email) {
  auto normal = normalize_email(email);
  return normal ? *normal : std::string(email);
}

AuditEvent event(std::string action, const store::UserRecord* user, std::string_view workspace,
                 std::string_view remote, json::object details = {}) {
  AuditEvent e;
  e.action = std::move(action);
  if (!workspace.empty()) {
    e.workspace_id = std::string(workspace);
  }
  if (user != nullptr) {
    e.actor_user_id = user->id;
    e.target = user->id;
  }
  e.remote = std::string(remote);
  e.details = std::move(details);
  return e;
}

}  // namespace

Result<bool> AccountService::needs_setup() {
  auto any = core_.db.has_users();
  if (!any) {
    return std::move(any).error();
  }
  return !*any;
}

Result<Session> AccountService::setup_owner(NewAccount account, std::string_view remote) {
  // Checked before hashing, so that a public route cannot be used to make the
  // server hash passwords; create_user checks again in its transaction.
  auto setup = needs_setup();
  if (!setup || !*setup) {
    wipe(account.password);
    return setup ? Error::make(ErrorCode::conflict, "Weft is set up already: an owner exists")
                 : std::move(setup).error();
  }
  return create_and_log_in(std::move(account), true, remote, "setup.owner_created");
}

void AccountService::set_registration_open(bool open) {
  core_.registration_open.store(open);
}

bool AccountService::registration_open() const {
  return core_.registration_open.load();
}

Result<Session> AccountService::register_account(NewAccount account, std::string_view remote) {
  if (!core_.registration_open.load()) {
    wipe(account.password);
    return Error::make(ErrorCode::forbidden,
                       "sign-up is off on this server; ask an admin for an invite");
  }
  auto setup = needs_setup();
  if (!setup) {
    return std::move(setup).error();
  }
  if (*setup) {
    wipe(account.password);
    return Error::make(ErrorCode::conflict, "set up the first owner before anyone signs up");
  }
  return create_and_log_in(std::move(account), false, remote, "user.registered");
}

Result<Session> AccountService::create_and_log_in(NewAccount account, bool first_owner,
                                                  std::string_view remote,
                                                  std::string_view action) {
  auto checked = core_.check_account(std::move(account));
  if (!checked) {
    return std::move(checked).error();
  }
  store::NewUser request;
  request.user.id = new_id("usr");
  request.user.email = std::move(checked->email);
  request.user.name = std::move(checked->name);
  request.user.password_hash = std::move(checked->password_hash);
  request.first_owner = first_owner;
  auto user = core_.db.create_user(std::move(request), core_.now());
  if (!user) {
    return std::move(user).error();
  }
  auto membership = core_.db.get_membership(user->personal_workspace_id, user->id);
  if (!membership) {
    return std::move(membership).error();
  }
  core_.audit.record(event(std::string(action), &*user, user->personal_workspace_id, remote));
  return core_.start_session(*user, *membership);
}

Result<CreatedUser> AccountService::create_user(CreateUserRequest request) {
  auto setup = needs_setup();
  if (!setup) {
    return std::move(setup).error();
  }
  const bool first = *setup;
  if (first && request.role && *request.role != Role::owner) {
    wipe(request.account.password);
    return Error::make(ErrorCode::invalid_argument,
                       "the first user is the owner; leave out --role or use --role owner");
  }
  const Role role = first ? Role::owner : request.role.value_or(Role::editor);
  auto checked = core_.check_account(std::move(request.account));
  if (!checked) {
    return std::move(checked).error();
  }
  store::NewUser user;
  user.user.id = new_id("usr");
  user.user.email = std::move(checked->email);
  user.user.name = std::move(checked->name);
  user.user.password_hash = std::move(checked->password_hash);
  user.user.server_admin = request.server_admin;
  user.first_owner = first;
  if (!first) {
    user.join_workspace = request.workspace;
    user.join_role = std::string(to_string(role));
  }
  auto created = core_.db.create_user(std::move(user), core_.now());
  if (!created) {
    return std::move(created).error();
  }
  const std::string& into = first ? created->personal_workspace_id : request.workspace;
  auto membership = core_.db.get_membership(into, created->id);
  if (!membership) {
    return std::move(membership).error();
  }
  core_.audit.record(event("user.created", &*created, into, "cli",
                           {{"role", to_string(role)},
                            {"server_admin", created->server_admin},
                            {"by", "command line"}}));
  return CreatedUser{detail::user_info(*created), detail::workspace_info(*membership), first};
}

Result<Session> AccountService::login(LoginRequest request) {
  const std::string account = account_key(request.email);
  if (auto wait =
          core_.limiter.blocked_for(account, request.remote, std::chrono::steady_clock::now())) {
    // Not audited: the failures that led here were, and a flood of refused
    // attempts must not become a flood of writes.
    wipe(request.password);
    return too_many_failures("logins", *wait);
  }
  auto user = core_.db.find_user_by_email(account);
  if (!user && user.error().code != ErrorCode::not_found) {
    wipe(request.password);
    return std::move(user).error();
  }
  // An unknown email costs the same hash as a wrong password.
  const bool matches = user ? core_.hasher.verify(user->password_hash, request.password)
                            : (core_.hasher.verify_nothing(request.password), false);
  if (!matches) {
    wipe(request.password);
    core_.limiter.record_failure(account, request.remote, std::chrono::steady_clock::now());
    core_.audit.record(event("login.failed", user ? &*user : nullptr,
                             user ? std::string_view(user->personal_workspace_id) : "",
                             request.remote, {{"email", account}}));
    return wrong_login();
  }
  core_.limiter.record_success(account);
  if (core_.hasher.needs_rehash(user->password_hash)) {
    if (auto rehashed = core_.hasher.hash(request.password)) {
      (void)core_.db.set_password(user->id, *rehashed, std::nullopt, core_.now());
    }
  }
  wipe(request.password);
  auto membership = login_workspace(*user, request.workspace);
  if (!membership) {
    return std::move(membership).error();
  }
  core_.audit.record(event("login.succeeded", &*user, membership->workspace_id, request.remote));
  return core_.start_session(*user, *membership);
}

Result<store::MembershipRecord> AccountService::login_workspace(
    const store::UserRecord& user, const std::optional<std::string>& asked) {
  if (asked) {
    auto membership = core_.db.get_membership(*asked, user.id);
    if (!membership && membership.error().code == ErrorCode::not_found) {
      return Error::make(ErrorCode::forbidden, "you are no member of workspace `" + *asked + "`");
    }
    return membership;
  }
  // Someone in a team lands in it (the one they joined last); anyone else in
  // their own workspace. Every membership was accepted (an invitation, a
  // link) or made with the account, so this never lands anywhere unasked.
  // The editor asks for the last one used.
  auto all = core_.db.list_memberships_of(user.id);
  if (!all) {
    return std::move(all).error();
  }
  if (all->empty()) {
    return Error::make(ErrorCode::forbidden,
                       "this account belongs to no workspace; ask an admin to add it to one");
  }
  const auto team = std::find_if(all->rbegin(), all->rend(), [&](const auto& membership) {
    return membership.workspace_id != user.personal_workspace_id;
  });
  return std::move(team != all->rend() ? *team : all->back());
}

Result<Session> AccountService::refresh(std::string_view refresh_token,
                                        std::optional<std::string> workspace,
                                        std::string_view remote) {
  // Guessing refresh tokens is refused per address like guessing passwords.
  const auto steady = std::chrono::steady_clock::now();
  if (auto wait = core_.token_limiter.blocked_for(remote, steady)) {
    return too_many_failures("refresh tokens from this address", *wait);
  }
  const store::Time at = core_.now();
  std::string next = random_token();
  store::RefreshTokenRecord record;
  record.token_hash = sha256_hex(next);
  record.workspace_id = workspace.value_or("");
  record.expires_at = at + core_.options.refresh_lifetime;
  auto rotation = core_.db.rotate_refresh_token(sha256_hex(refresh_token), record, at);
  if (!rotation) {
    return std::move(rotation).error();
  }
  const auto& presented = rotation->presented;
  const auto outcome = rotation->outcome;
  if (outcome != store::RefreshOutcome::rotated &&
      outcome != store::RefreshOutcome::no_membership) {
    core_.token_limiter.record_failure(remote, steady);
  }
  switch (outcome) {
    case store::RefreshOutcome::rotated:
      break;
    case store::RefreshOutcome::reused:
      core_.audit.record(event("session.reuse_detected", nullptr, presented.workspace_id, remote,
                               {{"user_id", presented.user_id}}));
      return Error::make(ErrorCode::unauthenticated,
                         "this refresh token was used before, so every session of this login "
                         "was ended; log in again");
    case store::RefreshOutcome::no_membership:
      return Error::make(ErrorCode::forbidden,
                         "you are no member of workspace `" + record.workspace_id + "`");
    default:
      return Error::make(ErrorCode::unauthenticated,
                         "the refresh token is not valid or has expired; log in again");
  }
  auto user = core_.db.get_user(presented.user_id);
  auto membership = core_.db.get_membership(rotation->next.workspace_id, presented.user_id);
  if (!user || !membership) {
    return Error::make(ErrorCode::unauthenticated, "this login is no longer valid; log in again");
  }
  return core_.make_session(*user, *membership, std::move(next), rotation->next.expires_at);
}

Status AccountService::logout(std::string_view refresh_token, std::string_view remote) {
  auto revoked = core_.db.revoke_refresh_family(sha256_hex(refresh_token), core_.now());
  if (!revoked) {
    return std::move(revoked).error();
  }
  if (*revoked) {
    core_.audit.record(event("logout", nullptr, {}, remote));
  }
  return Ok{};
}

Result<Session> AccountService::change_password(const Caller& caller, std::string old_password,
                                                std::string new_password) {
  auto finish = [&](Error error) {
    wipe(old_password);
    wipe(new_password);
    return error;
  };
  if (caller.is_api_key()) {
    return finish(Error::make(ErrorCode::forbidden, "an API key cannot change a password"));
  }
  auto user = core_.db.get_user(caller.user_id);
  if (!user) {
    return finish(std::move(user).error());
  }
  // A limit of its own, per user: failures here never lock the login.
  const auto steady = std::chrono::steady_clock::now();
  if (auto wait = core_.password_limiter.blocked_for(user->id, steady)) {
    return finish(too_many_failures("password changes", *wait));
  }
  if (!core_.hasher.verify(user->password_hash, old_password)) {
    core_.password_limiter.record_failure(user->id, steady);
    core_.audit.record(AuditEvent::by(caller, "password.change_failed", user->id));
    return finish(Error::make(ErrorCode::forbidden, "the current password is wrong"));
  }
  wipe(old_password);
  if (auto policy = check_password_policy(new_password); !policy) {
    return finish(std::move(policy).error());
  }
  auto hash = core_.hasher.hash(new_password);
  wipe(new_password);
  if (!hash) {
    return std::move(hash).error();
  }
  const store::Time at = core_.now();
  if (auto saved = core_.db.set_password(user->id, *hash, to_seconds(at), at); !saved) {
    return std::move(saved).error();
  }
  core_.callers.forget_all();
  core_.audit.record(AuditEvent::by(caller, "password.changed", user->id));
  auto membership = core_.db.get_membership(caller.workspace_id, user->id);
  if (!membership) {
    return std::move(membership).error();
  }
  return core_.start_session(*user, *membership);
}

Result<Me> AccountService::me(const Caller& caller) {
  auto user = core_.db.get_user(caller.user_id);
  if (!user) {
    return std::move(user).error();
  }
  auto memberships = core_.db.list_memberships_of(caller.user_id);
  if (!memberships) {
    return std::move(memberships).error();
  }
  Me me;
  me.user = detail::user_info(*user);
  me.api_key_id = caller.api_key_id;
  for (const auto& membership : *memberships) {
    me.workspaces.push_back(detail::workspace_info(membership));
    if (membership.workspace_id == caller.workspace_id) {
      me.workspace = me.workspaces.back();
      me.workspace.role = caller.role;  // an API key's capped role
    }
  }
  return me;
}

}  // namespace weft::auth
