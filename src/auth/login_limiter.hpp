#pragma once
// Login rate limits: failed attempts are counted per account (email) and per
// remote address in sliding windows; past a limit, attempts are refused
// (before the password is even checked) until the oldest failure in the
// window ages out. A successful login clears its account's failures.
//
// Memory is bounded: at most max_entries accounts plus max_entries addresses
// are tracked; past that, expired entries are swept and then the entries
// whose last failure is oldest are forgotten.
//
// Thread-safe: one mutex guards both tables; every call is O(1) amortised.

#include <chrono>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

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
  using Clock = std::chrono::steady_clock;

  explicit LoginLimiter(LoginLimits limits = {}) : limits_(limits) {}

  /// How long until an attempt for `account` from `address` is allowed;
  /// nullopt when it is allowed now.
  std::optional<std::chrono::seconds> blocked_for(std::string_view account,
                                                  std::string_view address, Clock::time_point now);
  void record_failure(std::string_view account, std::string_view address, Clock::time_point now);
  void record_success(std::string_view account);

  /// Tracked entries (accounts + addresses), for tests.
  std::size_t size() const;

 private:
  struct Window {
    std::deque<Clock::time_point> failures;  ///< oldest first; at most the limit
  };
  using Table = std::unordered_map<std::string, Window>;

  static std::optional<std::chrono::seconds> wait_in(Table& table, std::string_view key, int limit,
                                                     std::chrono::seconds window,
                                                     Clock::time_point now);
  void add(Table& table, std::string_view key, int limit, std::chrono::seconds window,
           Clock::time_point now);
  void make_room(Table& table, std::chrono::seconds window, Clock::time_point now);

  const LoginLimits limits_;
  mutable std::mutex mutex_;  // guards accounts_ and addresses_
  Table accounts_;
  Table addresses_;
};

}  // namespace weft::auth
