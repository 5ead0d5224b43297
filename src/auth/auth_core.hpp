#pragma once
// What the auth services share (internal to src/auth/): the store, the keys
// and what is made from them, the limiter, the audit log, the clock, and the
// few steps more than one service takes (checking a new account, starting a
// session). Built once by Auth::create; immutable but for the limiters, the
// hasher's slots and the audit counter, which lock or are atomic.

#include <atomic>
#include <string>
#include <string_view>

#include "auth/access_token.hpp"
#include "auth/audit_log.hpp"
#include "auth/auth_options.hpp"
#include "auth/caller_cache.hpp"
#include "auth/credential_kinds.hpp"
#include "auth/login_limiter.hpp"
#include "auth/master_key.hpp"
#include "auth/password.hpp"
#include "auth/session.hpp"
#include "auth/vault.hpp"
#include "store/store.hpp"

namespace weft::auth::detail {

/// A new account's fields, checked, with the password hashed.
struct CheckedAccount {
  std::string email;
  std::string name;
  std::string password_hash;
};

struct AuthCore {
  AuthCore(store::Store& store, KeyRing keys, AuthOptions options, TokenSigner signer);

  store::Time now() const;

  /// Normalises the email and name, applies the password policy, hashes the
  /// password and wipes it.
  Result<CheckedAccount> check_account(NewAccount account) const;

  /// A new session (a new refresh-token family) for the member.
  Result<Session> start_session(const store::UserRecord& user,
                                const store::MembershipRecord& membership);
  /// Access token and session fields for an already stored refresh token.
  Session make_session(const store::UserRecord& user, const store::MembershipRecord& membership,
                       std::string refresh_token, store::Time refresh_expires_at) const;

  store::Store& store;
  store::AuthStore& db;
  const AuthOptions options;
  const KeyRing keys;
  const PasswordHasher hasher;
  const TokenSigner signer;
  const Vault vault;
  const CredentialKinds kinds;
  LoginLimiter limiter;             ///< logins, and invite links accepted with a password
  FailureLimiter token_limiter;     ///< failed API keys and refresh tokens, per address
  FailureLimiter password_limiter;  ///< wrong current passwords, per user
  AuditLog audit;
  /// Verified callers by token; emptied by every change that narrows access.
  CallerCache callers;
  /// Open sign-up; starts as options.allow_registration, server admins change it.
  std::atomic<bool> registration_open;
};

UserInfo user_info(const store::UserRecord& user);
WorkspaceInfo workspace_info(const store::MembershipRecord& membership);
/// The stored role as a Role; viewer for anything unknown (never more).
Role role_of(const store::MembershipRecord& membership);

}  // namespace weft::auth::detail
