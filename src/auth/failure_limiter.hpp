#pragma once
// Failed attempts counted per key (an account, a remote address, a user) in a
// sliding window; past the limit, attempts are refused before anything is
// checked, until the oldest failure in the window ages out. The building
// block of every limit on guessing: logins (LoginLimiter), API keys and
// refresh tokens per address, password changes per user.
//
// Memory is bounded: at most max_entries keys are tracked; past that,
// expired entries are swept and then those whose last failure is oldest are
// forgotten.
//
// Thread-safe: one mutex guards the table; every call is O(1) amortised.

#include <chrono>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "common/error.hpp"

namespace weft::auth {

struct FailureLimit {
  int failures = 20;                  ///< failures per key…
  std::chrono::seconds window{60};    ///< …in this window
  std::size_t max_entries = 100'000;  ///< keys tracked at most
};

class FailureLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  explicit FailureLimiter(FailureLimit limit) : limit_(limit) {}

  /// How long until an attempt for `key` is allowed (at least a second);
  /// nullopt when it is allowed now, and always for an empty key.
  std::optional<std::chrono::seconds> blocked_for(std::string_view key, Clock::time_point now);
  /// Counts a failure for `key`; an empty key is not counted.
  void record_failure(std::string_view key, Clock::time_point now);
  /// Forgets the failures of `key` (a success).
  void forget(std::string_view key);

  /// Tracked keys, for tests.
  std::size_t size() const;

 private:
  using Failures = std::deque<Clock::time_point>;  ///< oldest first; at most the limit

  void make_room(Clock::time_point now);

  const FailureLimit limit_;
  mutable std::mutex mutex_;  // guards table_
  std::unordered_map<std::string, Failures> table_;
};

/// The error for an attempt a limiter refused: rate_limited, retryable, with
/// the wait as retry_after (which the HTTP layer sends as Retry-After).
/// `what` completes "too many failed …" (e.g. "logins").
Error too_many_failures(std::string_view what, std::chrono::seconds wait);

}  // namespace weft::auth
