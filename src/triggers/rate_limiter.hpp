#pragma once
// A per-key rate limit (each webhook's `rate_limit_per_minute`): a token
// bucket per key that holds a minute's allowance and refills continuously.
// Per process: several processes sharing a database each allow the rate.

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace weft::triggers {

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  /// Takes one request for `key`; nullopt when allowed, else how long until one is.
  std::optional<std::chrono::seconds> take(const std::string& key, int per_minute,
                                           Clock::time_point now = Clock::now());

 private:
  struct Bucket {
    double tokens = 0;
    Clock::time_point at;
  };
  static constexpr std::size_t kMaxKeys = 100'000;  ///< full buckets are forgotten beyond it

  std::mutex mutex_;  // guards buckets_
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace weft::triggers
