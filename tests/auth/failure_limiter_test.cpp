// Failure windows per key (src/auth/failure_limiter.cpp); LoginLimiter's
// tests cover the window arithmetic they share.
#include "auth/failure_limiter.hpp"

#include <gtest/gtest.h>

namespace weft::auth {
namespace {

using namespace std::chrono_literals;

TEST(FailureLimiter, AKeyIsBlockedPastItsLimitUntilTheWindowPasses) {
  FailureLimiter limiter({3, 60s, 100});
  const auto t0 = FailureLimiter::Clock::time_point{} + 1h;
  for (int i = 0; i < 3; ++i) {
    EXPECT_FALSE(limiter.blocked_for("198.51.100.1", t0));
    limiter.record_failure("198.51.100.1", t0);
  }
  EXPECT_EQ(limiter.blocked_for("198.51.100.1", t0 + 10s), 50s);
  EXPECT_FALSE(limiter.blocked_for("198.51.100.2", t0 + 10s));
  EXPECT_FALSE(limiter.blocked_for("198.51.100.1", t0 + 60s));
  limiter.forget("198.51.100.1");
  EXPECT_EQ(limiter.size(), 0u);
}

TEST(FailureLimiter, AnEmptyKeyIsNeverCounted) {
  FailureLimiter limiter({1, 60s, 100});
  const auto t0 = FailureLimiter::Clock::time_point{} + 1h;
  limiter.record_failure("", t0);
  EXPECT_FALSE(limiter.blocked_for("", t0));
  EXPECT_EQ(limiter.size(), 0u);
}

TEST(FailureLimiter, TheErrorCarriesTheWait) {
  const Error error = too_many_failures("API keys from this address", 42s);
  EXPECT_EQ(error.code, ErrorCode::rate_limited);
  EXPECT_TRUE(error.retryable);
  EXPECT_EQ(error.retry_after, 42s);
  EXPECT_EQ(error.message, "too many failed API keys from this address; try again in 42 seconds");
}

}  // namespace
}  // namespace weft::auth
