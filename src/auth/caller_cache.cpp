#include "auth/caller_cache.hpp"

#include <sodium.h>

#include <cstring>

#include "auth/secret_bytes.hpp"

namespace weft::auth {

CallerCache::CallerCache(std::chrono::milliseconds life, std::size_t capacity)
    : life_(life), capacity_(capacity) {
  ensure_sodium();
  randombytes_buf(key_.data(), key_.size());
}

std::size_t CallerCache::DigestHash::operator()(const Digest& digest) const {
  // The digest is already uniform; its first bytes are a fine hash.
  std::size_t hash = 0;
  std::memcpy(&hash, digest.data(), sizeof hash);
  return hash;
}

CallerCache::Digest CallerCache::digest(std::string_view token) const {
  Digest out{};
  crypto_generichash(out.data(), out.size(), reinterpret_cast<const unsigned char*>(token.data()),
                     token.size(), key_.data(), key_.size());
  return out;
}

CallerCache::Ticket CallerCache::ticket() const {
  const std::lock_guard lock(mutex_);
  return generation_;
}

std::optional<Caller> CallerCache::find(std::string_view token, Time now) const {
  if (life_.count() <= 0) {
    return std::nullopt;
  }
  const Digest key = digest(token);
  const std::lock_guard lock(mutex_);
  const auto found = entries_.find(key);
  if (found == entries_.end() || found->second.expires <= now) {
    return std::nullopt;
  }
  return found->second.caller;
}

void CallerCache::remember(Ticket ticket, std::string_view token, const Caller& caller, Time now,
                           std::optional<Time> token_expires) {
  if (life_.count() <= 0) {
    return;
  }
  Time expires = now + life_;
  if (token_expires && *token_expires < expires) {
    expires = *token_expires;
  }
  const Digest key = digest(token);
  const std::lock_guard lock(mutex_);
  if (ticket != generation_) {
    return;  // what the caller was read from may have changed since
  }
  if (entries_.size() >= capacity_) {
    std::erase_if(entries_, [now](const auto& entry) { return entry.second.expires <= now; });
    if (entries_.size() >= capacity_) {
      entries_.clear();  // many callers at once: start over rather than grow
    }
  }
  entries_.insert_or_assign(key, Entry{caller, expires});
}

void CallerCache::forget_all() {
  const std::lock_guard lock(mutex_);
  entries_.clear();
  ++generation_;
}

}  // namespace weft::auth
