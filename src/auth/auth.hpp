#pragma once
// Everything src/auth/ offers, built once from the store and the master key:
// the HTTP layer keeps one Auth (next to the Store in its context) and calls
// its services; the engine calls credentials().resolve(). See each service's
// header for how it is meant to be called.
//
//   auto keys = auth::load_keys(data_dir, env("WEFT_SECRET_KEY"));
//   auto auth = auth::Auth::create(store, std::move(*keys), options);
//   auto caller = (*auth)->accounts().authenticate_bearer(bearer, remote);
//
// Thread-safe: every service may be used from any thread at once.

#include <memory>

#include "auth/account_service.hpp"
#include "auth/api_key_service.hpp"
#include "auth/audit_log.hpp"
#include "auth/auth_options.hpp"
#include "auth/credential_service.hpp"
#include "auth/invitation_service.hpp"
#include "auth/key_file.hpp"
#include "auth/member_service.hpp"
#include "common/result.hpp"
#include "store/store.hpp"

namespace weft::auth {

namespace detail {
struct AuthCore;
}

class Auth {
 public:
  /// `store` must outlive the Auth. Fails only on an unusable key.
  static Result<std::unique_ptr<Auth>> create(store::Store& store, KeyRing keys,
                                              AuthOptions options = {});
  ~Auth();
  Auth(const Auth&) = delete;
  Auth& operator=(const Auth&) = delete;

  AccountService& accounts() { return accounts_; }
  MemberService& members() { return members_; }
  InvitationService& invitations() { return invitations_; }
  ApiKeyService& api_keys() { return api_keys_; }
  CredentialService& credentials() { return credentials_; }
  AuditLog& audit();

  /// Whether the master key is one an operator controls (see MasterKey::is_real_secret).
  bool has_real_secret_key() const;
  const KeyRing& keys() const;

  /// unavailable, naming the keys, when credentials are stored that were
  /// sealed with a key this Auth does not hold (a replaced secret.key or
  /// WEFT_SECRET_KEY); the server should say so at start.
  Status check_keys();

  /// Deletes expired refresh tokens and invites, and audit entries older
  /// than `keep_audit` (when given); for the server's hourly housekeeping.
  Result<std::int64_t> prune(std::optional<std::chrono::hours> keep_audit = std::nullopt);

 private:
  explicit Auth(std::unique_ptr<detail::AuthCore> core);

  std::unique_ptr<detail::AuthCore> core_;
  AccountService accounts_;
  MemberService members_;
  InvitationService invitations_;
  ApiKeyService api_keys_;
  CredentialService credentials_;
};

}  // namespace weft::auth
