// Login rate limits (src/auth/login_limiter.cpp).
#include "auth/login_limiter.hpp"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace weft::auth {
namespace {

using namespace std::chrono_literals;
using Clock = LoginLimiter::Clock;

TEST(LoginLimiter, AnAccountIsBlockedAfterFiveFailuresForFifteenMinutes) {
  LoginLimiter limiter;
  const auto t0 = Clock::now();
  for (int i = 0; i < 5; ++i) {
    EXPECT_FALSE(limiter.blocked_for("a@x", "10.0.0." + std::to_string(i), t0 + i * 1s));
    limiter.record_failure("a@x", "10.0.0." + std::to_string(i), t0 + i * 1s);
  }
  auto wait = limiter.blocked_for("a@x", "10.9.9.9", t0 + 5s);
  ASSERT_TRUE(wait.has_value());
  EXPECT_EQ(*wait, 15min - 5s);
  EXPECT_FALSE(limiter.blocked_for("b@x", "10.9.9.9", t0 + 5s));
  // The oldest failure ages out after fifteen minutes.
  EXPECT_FALSE(limiter.blocked_for("a@x", "10.9.9.9", t0 + 15min));
}

TEST(LoginLimiter, AnAddressIsBlockedAfterTwentyFailuresAMinute) {
  LoginLimiter limiter;
  const auto t0 = Clock::now();
  for (int i = 0; i < 20; ++i) {
    limiter.record_failure("user" + std::to_string(i) + "@x", "198.51.100.7", t0);
  }
  auto wait = limiter.blocked_for("fresh@x", "198.51.100.7", t0 + 10s);
  ASSERT_TRUE(wait.has_value());
  EXPECT_EQ(*wait, 50s);
  EXPECT_FALSE(limiter.blocked_for("fresh@x", "198.51.100.8", t0 + 10s));
  EXPECT_FALSE(limiter.blocked_for("fresh@x", "198.51.100.7", t0 + 60s));
}

TEST(LoginLimiter, ASuccessClearsTheAccount) {
  LoginLimiter limiter;
  const auto t0 = Clock::now();
  for (int i = 0; i < 4; ++i) {
    limiter.record_failure("a@x", "10.0.0.1", t0);
  }
  limiter.record_success("a@x");
  limiter.record_failure("a@x", "10.0.0.1", t0);
  EXPECT_FALSE(limiter.blocked_for("a@x", "10.0.0.2", t0));
}

TEST(LoginLimiter, RetryAfterIsAtLeastASecond) {
  LoginLimits limits;
  limits.account_failures = 1;
  limits.account_window = 1s;
  LoginLimiter limiter(limits);
  const auto t0 = Clock::now();
  limiter.record_failure("a@x", "", t0);
  auto wait = limiter.blocked_for("a@x", "", t0 + 999ms);
  ASSERT_TRUE(wait.has_value());
  EXPECT_EQ(*wait, 1s);
}

TEST(LoginLimiter, MemoryIsBounded) {
  LoginLimits limits;
  limits.max_entries = 100;
  LoginLimiter limiter(limits);
  const auto t0 = Clock::now();
  for (int i = 0; i < 10'000; ++i) {
    limiter.record_failure("user" + std::to_string(i), "addr" + std::to_string(i),
                           t0 + std::chrono::milliseconds(i));
  }
  EXPECT_LE(limiter.size(), 200u);
}

TEST(LoginLimiter, ThreadsShareItSafely) {
  LoginLimiter limiter;
  const auto t0 = Clock::now();
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 1000; ++i) {
        limiter.record_failure("a@x", "10.0.0." + std::to_string(t), t0);
        (void)limiter.blocked_for("a@x", "10.0.0." + std::to_string(t), t0);
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  EXPECT_TRUE(limiter.blocked_for("a@x", "10.1.1.1", t0).has_value());
}

}  // namespace
}  // namespace weft::auth
