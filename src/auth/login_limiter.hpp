#pragma once
// Login rate limits: failed attempts are counted per account (email) and per
// remote address in sliding windows (two FailureLimiters); past a limit,
// attempts are refused (before the password is even checked) until the
// oldest failure in the window ages out. A successful login clears its
// account's failures. Memory is bounded as FailureLimiter says, per table.
//
// Thread-safe, as FailureLimiter.

#include <chrono>
#include <cstddef>
#include <optional>
#include <string_view>

#include "auth/failure_limiter.hpp"

namespace weft::auth {

struct LoginLimits {
  int account_failures = 5;                      ///< per account…
  std::chrono::seconds account_window{15 * 60};  ///< …in this window
  int address_failures = 20;                     ///< per remote address…
  std::chrono::seconds address_window{60};       ///< …in this window
  std::size_t max_entries = 100'000;             ///< per table
};

class LoginLimiter {
 public:
  using Clock = FailureLimiter::Clock;

  explicit LoginLimiter(LoginLimits limits = {})
      : accounts_({limits.account_failures, limits.account_window, limits.max_entries}),
        addresses_({limits.address_failures, limits.address_window, limits.max_entries}) {}

  /// How long until an attempt for `account` from `address` is allowed;
  /// nullopt when it is allowed now.
  std::optional<std::chrono::seconds> blocked_for(std::string_view account,
                                                  std::string_view address, Clock::time_point now);
  void record_failure(std::string_view account, std::string_view address, Clock::time_point now);
  void record_success(std::string_view account);

  /// Tracked entries (accounts + addresses), for tests.
  std::size_t size() const;

 private:
  FailureLimiter accounts_;
  FailureLimiter addresses_;
};

}  // namespace weft::auth
