#pragma once
// When to try an LLM call again: exponential backoff with jitter, and the
// server's own `Retry-After` (RFC 9110 §10.2.3: seconds or an HTTP date).

#include <chrono>
#include <optional>
#include <random>
#include <string_view>

#include "llm/provider.hpp"

namespace weft::llm {

/// The wait `Retry-After: value` asks for, measured from `now`; nullopt when
/// the value is neither a number of seconds nor an HTTP date. A date in the
/// past means no wait.
std::optional<std::chrono::milliseconds> parse_retry_after(
    std::string_view value, std::chrono::system_clock::time_point now);

/// The wait before attempt `next_attempt` (2 for the first retry):
/// initial_backoff doubled per attempt, capped at max_backoff, then "equal
/// jitter" (half fixed, half random) so many callers refused together do not
/// come back together.
std::chrono::milliseconds backoff_delay(const RetryPolicy& policy, int next_attempt,
                                        std::minstd_rand& random);

}  // namespace weft::llm
