#pragma once

#include <chrono>
#include <random>

#include "pipeline/model.hpp"

namespace weft::engine {

/// Delay before attempt `next_attempt` (2, 3, …): backoff·2^(n-2), capped,
/// then "equal jitter" — half fixed, half random — so retries of many runs
/// hitting the same service spread out instead of arriving together.
std::chrono::milliseconds retry_delay(const pipeline::RetryPolicy& policy, int next_attempt,
                                      std::minstd_rand& random);

}  // namespace weft::engine
