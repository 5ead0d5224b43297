#pragma once
// Callers already verified, by token, for a few seconds: a request with a
// token seen moments ago skips the signature check and the store reads. Any
// change that could narrow what a caller may do (a role, a removal, a revoked
// key, a new password) empties the cache, so in one process it is never
// stale; the short life bounds what another process's change can miss.
// Tokens are kept only as a keyed BLAKE2b digest, never in plain text.

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string_view>
#include <unordered_map>

#include "auth/caller.hpp"

namespace weft::auth {

class CallerCache {
 public:
  using Time = std::chrono::system_clock::time_point;

  CallerCache(std::chrono::milliseconds life, std::size_t capacity);

  /// Taken before reading the store: a caller read across a change is not kept.
  using Ticket = std::uint64_t;
  Ticket ticket() const;

  /// The caller `token` stood for, if remembered and still fresh at `now`.
  std::optional<Caller> find(std::string_view token, Time now) const;
  /// Remembers `caller` for `token` until `now` + life, or `token_expires` if
  /// sooner, unless the cache was emptied since `ticket` was taken.
  void remember(Ticket ticket, std::string_view token, const Caller& caller, Time now,
                std::optional<Time> token_expires = std::nullopt);
  /// Forgets every caller (after a change to roles, members, keys or passwords).
  void forget_all();

 private:
  using Digest = std::array<unsigned char, 32>;
  struct DigestHash {
    std::size_t operator()(const Digest& digest) const;
  };
  struct Entry {
    Caller caller;
    Time expires;
  };

  Digest digest(std::string_view token) const;

  const std::chrono::milliseconds life_;
  const std::size_t capacity_;
  std::array<unsigned char, 32> key_{};  ///< random per process
  mutable std::mutex mutex_;
  Ticket generation_ = 0;  ///< how often the cache was emptied
  std::unordered_map<Digest, Entry, DigestHash> entries_;
};

}  // namespace weft::auth
