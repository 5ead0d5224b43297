#pragma once
// Accounts and sessions: first-owner setup, sign-up (off by default), direct
// creation (the CLI), login, refresh, logout, password change, and turning a
// bearer token into a Caller.
//
// For the HTTP layer:
// - Public routes call needs_setup / setup_owner / register_account / login /
//   refresh / logout; every other route first calls authenticate_bearer with
//   the `Authorization: Bearer …` value (or the WebSocket's token) and the
//   peer address, answers its error as is (401) when it fails, and passes the
//   Caller on. Handlers scope every query by caller.workspace_id and check
//   caller.may(action, pipeline_id) — never role alone, which ignores API
//   key limits.
// - Errors: unauthenticated (401), forbidden (403), rate_limited (429; the
//   Error carries retry_after), invalid_argument (400), conflict (409).
// - login, setup_owner, register_account and change_password hash with
//   Argon2id (~0.1 s, 64 MiB, at most max_concurrent_hashes at once): call
//   them off the io threads.
//
// Thread-safe: every method may be called from any thread at once.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "auth/caller.hpp"
#include "auth/caller_cache.hpp"
#include "auth/session.hpp"
#include "common/result.hpp"
#include "store/auth_store.hpp"

namespace weft::auth {

namespace detail {
struct AuthCore;
}

struct LoginRequest {
  std::string email;
  std::string password;  ///< wiped once checked
  std::string remote;    ///< peer address, for rate limits and the audit log
  /// The workspace to act in; when absent, the team the user joined last,
  /// else their own.
  std::optional<std::string> workspace;
};

/// `weft user create`: the first user becomes the owner of the default
/// workspace; later ones get a workspace of their own and join `workspace`
/// with `role` (editor when absent).
struct CreateUserRequest {
  NewAccount account;
  std::optional<Role> role;
  std::string workspace = "ws_default";
  bool server_admin = false;  ///< the first account is one regardless
};

struct CreatedUser {
  UserInfo user;
  WorkspaceInfo workspace;  ///< the one they were created into
  bool first_owner = false;
};

class AccountService {
 public:
  explicit AccountService(detail::AuthCore& core) : core_(core) {}

  /// True while no user exists: the editor shows the setup page.
  Result<bool> needs_setup();
  /// Creates the first owner (of the default workspace, where existing
  /// pipelines live) and logs them in; conflict once any user exists.
  Result<Session> setup_owner(NewAccount account, std::string_view remote);
  /// Whether open sign-up is on (AuthOptions::allow_registration at start;
  /// server admins change it through the server settings).
  void set_registration_open(bool open);
  bool registration_open() const;
  /// Open sign-up: forbidden unless registration_open(); the new
  /// user owns a workspace of their own.
  Result<Session> register_account(NewAccount account, std::string_view remote);
  /// Direct creation without a caller (the CLI: whoever holds the data directory).
  Result<CreatedUser> create_user(CreateUserRequest request);

  /// The same error (unauthenticated, "the email or password is wrong") for
  /// an unknown email and a wrong password, after the same work; both are
  /// audited. rate_limited after too many failures for the account or address.
  Result<Session> login(LoginRequest request);
  /// Exchanges a refresh token for a new session (the token is spent). A
  /// token presented twice ends every session of its login (reuse detection)
  /// and fails. `workspace` switches the session to another of the user's.
  /// Failed tokens count per `remote` (AuthOptions::token_limits): past the
  /// limit, rate_limited before the token is looked at.
  Result<Session> refresh(std::string_view refresh_token,
                          std::optional<std::string> workspace = std::nullopt,
                          std::string_view remote = {});
  /// Ends the login the refresh token belongs to; Ok for an unknown token too.
  Status logout(std::string_view refresh_token, std::string_view remote = {});
  /// Checks the old password, stores the new one, ends every other session of
  /// the user (their refresh tokens and older access tokens), and returns a
  /// new session. Not for API keys. Wrong current passwords are limited per
  /// user (AuthOptions::password_change_limits), apart from login's limits.
  Result<Session> change_password(const Caller& caller, std::string old_password,
                                  std::string new_password);

  /// An access token (JWT) or an API key (`wft_…`) as the Caller it stands
  /// for, with the role read from the membership now (so removals and role
  /// changes apply at once). unauthenticated, saying why, otherwise. Failed
  /// API keys count per `remote` like failed refresh tokens (rate_limited
  /// past the limit, even for a right key); a recently verified key is
  /// answered from the cache first.
  Result<Caller> authenticate_bearer(std::string_view token, std::string_view remote = {});
  /// The caller's user and workspaces.
  Result<Me> me(const Caller& caller);

 private:
  Result<Caller> authenticate_access_token(std::string_view token, std::string_view remote,
                                           CallerCache::Ticket ticket);
  Result<Caller> authenticate_api_key(std::string_view key, std::string_view remote,
                                      CallerCache::Ticket ticket);
  Result<Session> create_and_log_in(NewAccount account, bool first_owner, std::string_view remote,
                                    std::string_view action);
  /// The membership a login acts in.
  Result<store::MembershipRecord> login_workspace(const store::UserRecord& user,
                                                  const std::optional<std::string>& asked);

  detail::AuthCore& core_;
};

}  // namespace weft::auth
