#include "auth/auth_core.hpp"

#include "auth/encoding.hpp"
#include "auth/identity.hpp"
#include "common/ids.hpp"

namespace weft::auth::detail {

namespace {

std::function<store::Time()> clock_or_system(const std::function<store::Time()>& clock) {
  if (clock) {
    return clock;
  }
  return [] { return std::chrono::system_clock::now(); };
}

}  // namespace

AuthCore::AuthCore(store::Store& store_in, KeyRing keys_in, AuthOptions options_in,
                   TokenSigner signer_in)
    : store(store_in),
      db(store_in.auth()),
      options([&] {
        options_in.clock = clock_or_system(options_in.clock);
        return std::move(options_in);
      }()),
      keys(std::move(keys_in)),
      hasher(options.password_cost, options.max_concurrent_hashes),
      signer(std::move(signer_in)),
      vault(keys),
      limiter(options.login_limits),
      token_limiter(options.token_limits),
      password_limiter(options.password_change_limits),
      audit(db, options.clock),
      callers(options.caller_cache_life, options.caller_cache_capacity),
      registration_open(options.allow_registration) {}

store::Time AuthCore::now() const {
  return options.clock();
}

Result<CheckedAccount> AuthCore::check_account(NewAccount account) const {
  auto email = normalize_email(account.email);
  if (!email) {
    wipe(account.password);
    return std::move(email).error();
  }
  auto name = display_name(account.name, *email);
  if (!name) {
    wipe(account.password);
    return std::move(name).error();
  }
  if (auto policy = check_password_policy(account.password); !policy) {
    wipe(account.password);
    return std::move(policy).error();
  }
  auto hash = hasher.hash(account.password);
  wipe(account.password);
  if (!hash) {
    return std::move(hash).error();
  }
  return CheckedAccount{std::move(*email), std::move(*name), std::move(*hash)};
}

Result<Session> AuthCore::start_session(const store::UserRecord& user,
                                        const store::MembershipRecord& membership) {
  const store::Time at = now();
  std::string refresh = random_token();
  store::RefreshTokenRecord record;
  record.token_hash = sha256_hex(refresh);
  record.user_id = user.id;
  record.workspace_id = membership.workspace_id;
  record.family_id = new_id("rtf");
  record.created_at = at;
  record.expires_at = at + options.refresh_lifetime;
  if (auto stored = db.insert_refresh_token(record); !stored) {
    return std::move(stored).error();
  }
  return make_session(user, membership, std::move(refresh), record.expires_at);
}

Session AuthCore::make_session(const store::UserRecord& user,
                               const store::MembershipRecord& membership, std::string refresh_token,
                               store::Time refresh_expires_at) const {
  auto issued = signer.issue(user.id, membership.workspace_id, role_of(membership), now());
  Session session;
  session.access_token = std::move(issued.token);
  session.access_expires_at = store::Time(std::chrono::seconds(issued.claims.expires_at));
  session.refresh_token = std::move(refresh_token);
  session.refresh_expires_at = refresh_expires_at;
  session.user = user_info(user);
  session.workspace = workspace_info(membership);
  return session;
}

UserInfo user_info(const store::UserRecord& user) {
  return {user.id, user.email, user.name, user.created_at, user.server_admin};
}

WorkspaceInfo workspace_info(const store::MembershipRecord& membership) {
  return {membership.workspace_id, membership.workspace_name, role_of(membership)};
}

Role role_of(const store::MembershipRecord& membership) {
  return parse_role(membership.role).value_or(Role::viewer);
}

}  // namespace weft::auth::detail
