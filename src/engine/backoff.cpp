#include "engine/backoff.hpp"

#include <algorithm>

namespace weft::engine {

std::chrono::milliseconds retry_delay(const pipeline::RetryPolicy& policy, int next_attempt,
                                      std::minstd_rand& random) {
  const int doublings = std::clamp(next_attempt - 2, 0, 30);
  const std::int64_t base = policy.backoff.count();
  const std::int64_t cap = policy.max_backoff.count();
  const std::int64_t full = std::min(cap, base << doublings);
  if (full <= 1) {
    return std::chrono::milliseconds(full);
  }
  std::uniform_int_distribution<std::int64_t> half(0, full / 2);
  return std::chrono::milliseconds(full - full / 2 + half(random));
}

}  // namespace weft::engine
