#pragma once
// Settings of the auth services, with production defaults.

#include <chrono>
#include <cstddef>
#include <functional>

#include "auth/access_token.hpp"
#include "auth/failure_limiter.hpp"
#include "auth/login_limiter.hpp"
#include "auth/password.hpp"

namespace weft::auth {

struct AuthOptions {
  PasswordCost password_cost = PasswordCost::interactive();
  int max_concurrent_hashes = 4;  ///< Argon2id runs at once (64 MiB each)
  TokenSettings tokens;           ///< issuer, audience, 15-minute life, 30 s leeway
  std::chrono::hours refresh_lifetime{24 * 30};
  std::chrono::hours invite_lifetime{24 * 7};
  /// last_used_at of an API key is written at most this often.
  std::chrono::seconds api_key_touch_interval{60};
  /// How long a verified token's caller is reused without reading the store
  /// again (in-process changes empty it at once); zero turns the cache off.
  std::chrono::milliseconds caller_cache_life{5000};
  std::size_t caller_cache_capacity = 10'000;
  /// Open sign-up (POST /api/auth/register); off unless the operator turns it on.
  bool allow_registration = false;
  LoginLimits login_limits;
  /// Failed API keys and refresh tokens per remote address: guessing either
  /// is refused like guessing passwords.
  FailureLimit token_limits{20, std::chrono::seconds{60}};
  /// Wrong current passwords per user when changing the password, kept apart
  /// from login's limits: a stolen session or a typo never locks the login.
  FailureLimit password_change_limits{5, std::chrono::seconds{15 * 60}};
  /// The wall clock; empty for the system clock (tests set it).
  std::function<std::chrono::system_clock::time_point()> clock;
};

}  // namespace weft::auth
