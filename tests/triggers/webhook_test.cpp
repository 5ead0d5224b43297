// Webhook configs and signatures (issue 12).

#include "triggers/webhook.hpp"

#include <gtest/gtest.h>

#include "triggers/rate_limiter.hpp"

namespace weft::triggers {
namespace {

using namespace std::chrono;

SignatureRule rule(std::string scheme) {
  Problems problems;
  auto config = parse_webhook_config(
      json::object{{"signature", json::object{{"scheme", scheme}, {"credential", "cred_x"}}}},
      problems);
  EXPECT_TRUE(config.ok()) << (problems.empty() ? "" : problems.front().message);
  return *config->signature;
}

TEST(WebhookSignature, GithubSignsTheRawBody) {
  const auto github = rule("github");
  EXPECT_EQ(github.header, "x-hub-signature-256");
  const store::Time now = system_clock::now();
  // GitHub's documented example: secret "It's a Secret to Everybody", body "Hello, World!".
  const std::string signed_value =
      "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
  EXPECT_TRUE(
      verify_signature(github, signed_value, "Hello, World!", "It's a Secret to Everybody", now));
  EXPECT_FALSE(
      verify_signature(github, signed_value, "Hello, World?", "It's a Secret to Everybody", now));
  EXPECT_FALSE(verify_signature(github, signed_value, "Hello, World!", "another secret", now));
  auto missing = verify_signature(github, "", "Hello, World!", "It's a Secret to Everybody", now);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::unauthenticated);
  EXPECT_NE(missing.error().message.find("x-hub-signature-256"), std::string::npos);
}

TEST(WebhookSignature, StripeChecksTheTimestampWithinItsTolerance) {
  const auto stripe = rule("stripe");
  const store::Time now = system_clock::now();
  const std::string body = R"({"id":"evt_1"})";
  EXPECT_TRUE(verify_signature(stripe, sign(stripe, body, "whsec_x", now), body, "whsec_x", now));
  const std::string stale = sign(stripe, body, "whsec_x", now - minutes(6));
  auto refused = verify_signature(stripe, stale, body, "whsec_x", now);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("300 s"), std::string::npos) << refused.error().message;
  EXPECT_FALSE(verify_signature(stripe, "t=abc,v1=00", body, "whsec_x", now));
}

TEST(WebhookConfig, NamesEachWrongSetting) {
  Problems problems;
  auto config = parse_webhook_config(json::object{{"method", "DELETE"},
                                                  {"respond", "later"},
                                                  {"signature", json::object{{"scheme", "md5"}}},
                                                  {"rate_limit_per_minute", 0},
                                                  {"colour", "red"}},
                                     problems);
  ASSERT_FALSE(config.ok());
  std::vector<std::string> pointers;
  for (const auto& p : problems) {
    pointers.push_back(p.pointer);
  }
  EXPECT_EQ(pointers,
            (std::vector<std::string>{"/config/colour", "/config/method", "/config/respond",
                                      "/config/signature/scheme", "/config/signature/credential",
                                      "/config/rate_limit_per_minute"}));
}

TEST(FormConfig, ReadsExpiryWithAnOffset) {
  Problems problems;
  auto config = parse_form_config(
      json::object{
          {"title", "Ask"}, {"expires_at", "2026-12-31T18:00:00+01:00"}, {"max_submissions", 3}},
      problems);
  ASSERT_TRUE(config.ok());
  EXPECT_EQ(config->expires_at, store::Time(sys_days(year(2026) / 12 / 31) + hours(17)));
  EXPECT_FALSE(parse_form_config(json::object{{"expires_at", "next week"}}, problems).ok());
  EXPECT_EQ(problems.back().pointer, "/config/expires_at");
}

TEST(RateLimiter, AllowsAMinutesWorthThenSaysWhenToRetry) {
  RateLimiter limiter;
  const auto t0 = RateLimiter::Clock::now();
  for (int i = 0; i < 60; ++i) {
    ASSERT_FALSE(limiter.take("hook", 60, t0).has_value()) << i;
  }
  auto wait = limiter.take("hook", 60, t0);
  ASSERT_TRUE(wait.has_value());
  EXPECT_EQ(*wait, seconds(1));
  EXPECT_FALSE(limiter.take("hook", 60, t0 + seconds(1)).has_value());
  EXPECT_FALSE(limiter.take("another", 60, t0).has_value());
}

}  // namespace
}  // namespace weft::triggers
