#include "triggers/rate_limiter.hpp"

#include <algorithm>
#include <cmath>

namespace weft::triggers {

std::optional<std::chrono::seconds> RateLimiter::take(const std::string& key, int per_minute,
                                                      Clock::time_point now) {
  const double capacity = per_minute;
  const double per_second = per_minute / 60.0;
  std::lock_guard lock(mutex_);
  if (buckets_.size() >= kMaxKeys && !buckets_.contains(key)) {
    std::erase_if(buckets_, [&](const auto& entry) {
      const double idle = std::chrono::duration<double>(now - entry.second.at).count();
      return idle * per_second >= capacity;  // refilled by now: forgetting it changes nothing
    });
  }
  auto [it, fresh] = buckets_.try_emplace(key, Bucket{capacity, now});
  Bucket& bucket = it->second;
  if (!fresh) {
    const double elapsed = std::chrono::duration<double>(now - bucket.at).count();
    bucket.tokens = std::min(capacity, bucket.tokens + elapsed * per_second);
    bucket.at = now;
  }
  if (bucket.tokens >= 1.0) {
    bucket.tokens -= 1.0;
    return std::nullopt;
  }
  const double wait = (1.0 - bucket.tokens) / per_second;
  return std::chrono::seconds(static_cast<std::int64_t>(std::ceil(wait)));
}

}  // namespace weft::triggers
