#pragma once
// Passwords: the policy a new password must meet, and Argon2id hashing
// (libsodium crypto_pwhash_str, which embeds salt and cost in the hash).
//
// Argon2id is slow and memory-hard on purpose (64 MiB and ~0.1 s per hash
// at the interactive limits), so at most `max_concurrent` hashes run at once;
// more callers wait. Call from a thread that may block (not an io thread).

#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>

#include "common/result.hpp"

namespace weft::auth {

/// Argon2id cost: libsodium's opslimit and memlimit.
struct PasswordCost {
  unsigned long long ops = 0;
  std::size_t memory = 0;

  /// crypto_pwhash_OPSLIMIT/MEMLIMIT_INTERACTIVE: the production default.
  static PasswordCost interactive();
  /// The library's minimum: for tests only, where hashing speed matters.
  static PasswordCost minimum();
};

inline constexpr std::size_t kMinPasswordChars = 8;
inline constexpr std::size_t kMaxPasswordBytes = 1024;

/// invalid_argument, with a message for the person choosing it, when
/// `password` is shorter than 8 characters or longer than 1024 bytes.
Status check_password_policy(std::string_view password);

class PasswordHasher {
 public:
  explicit PasswordHasher(PasswordCost cost, int max_concurrent = 4);

  /// The hash to store; internal only when the system is out of memory.
  Result<std::string> hash(std::string_view password) const;
  /// Whether `password` matches `hash` (false for a malformed hash).
  bool verify(std::string_view hash, std::string_view password) const;
  /// Whether `hash` was made with another cost than this hasher's (rehash on next login).
  bool needs_rehash(std::string_view hash) const;
  /// Spends the time a verify takes, for an account that does not exist, so
  /// that timing does not tell which emails have accounts.
  void verify_nothing(std::string_view password) const;

  const PasswordCost& cost() const { return cost_; }

 private:
  /// Waits for one of the max_concurrent slots; released on destruction.
  class Slot;

  PasswordCost cost_;
  int max_concurrent_;
  std::string dummy_hash_;  ///< a hash of a random password, made on construction

  mutable std::mutex mutex_;  // guards running_
  mutable std::condition_variable freed_;
  mutable int running_ = 0;
};

}  // namespace weft::auth
