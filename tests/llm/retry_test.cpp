// Retry-After in both its forms, and the backoff between attempts.
#include "llm/retry.hpp"

#include <gtest/gtest.h>

namespace weft::llm {
namespace {

using namespace std::chrono_literals;
using std::chrono::system_clock;

// Sun, 06 Nov 1994 08:49:37 GMT, the example of RFC 9110.
const system_clock::time_point kRfcExample = system_clock::from_time_t(784111777);

TEST(RetryAfter, Seconds) {
  EXPECT_EQ(parse_retry_after("120", kRfcExample), 120'000ms);
  EXPECT_EQ(parse_retry_after(" 0 ", kRfcExample), 0ms);
}

TEST(RetryAfter, HttpDateFromNow) {
  EXPECT_EQ(parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", kRfcExample - 30s), 30'000ms);
  EXPECT_EQ(parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", kRfcExample + 5s), 0ms)
      << "a date in the past means now";
}

TEST(RetryAfter, AnythingElseIsIgnored) {
  EXPECT_EQ(parse_retry_after("", kRfcExample), std::nullopt);
  EXPECT_EQ(parse_retry_after("-3", kRfcExample), std::nullopt);
  EXPECT_EQ(parse_retry_after("soon", kRfcExample), std::nullopt);
  EXPECT_EQ(parse_retry_after("Sun, 06 Nov 1994 08:49:37 PST", kRfcExample), std::nullopt);
}

TEST(Backoff, DoublesWithJitterAndStaysUnderTheCap) {
  const RetryPolicy policy{.initial_backoff = 100ms, .max_backoff = 1'000ms};
  std::minstd_rand random(42);
  for (int i = 0; i < 200; ++i) {
    const auto first = backoff_delay(policy, 2, random);
    EXPECT_GE(first, 50ms);
    EXPECT_LE(first, 100ms);
    const auto third = backoff_delay(policy, 4, random);
    EXPECT_GE(third, 200ms);
    EXPECT_LE(third, 400ms);
    EXPECT_LE(backoff_delay(policy, 40, random), 1'000ms);
  }
}

}  // namespace
}  // namespace weft::llm
