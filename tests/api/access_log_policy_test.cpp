// `--access-log` as a user types it, and which requests count as notable.

#include "api/http/access_log_policy.hpp"

#include <gtest/gtest.h>

namespace weft::api {
namespace {

TEST(AccessLogPolicy, ParsesEachLevel) {
  EXPECT_EQ(parse_access_log_policy("all")->level, AccessLogLevel::all);
  EXPECT_EQ(parse_access_log_policy("errors")->level, AccessLogLevel::errors);
  EXPECT_EQ(parse_access_log_policy("off")->level, AccessLogLevel::off);
  auto sample = parse_access_log_policy("sample:100");
  ASSERT_TRUE(sample);
  EXPECT_EQ(sample->level, AccessLogLevel::sample);
  EXPECT_EQ(sample->sample_every, 100u);
}

TEST(AccessLogPolicy, RefusesAnythingElseNamingWhatIsAllowed) {
  for (const char* text : {"", "ALL", "error", "sample", "sample:", "sample:0", "sample:-1",
                           "sample:1x", "sample:1000001", "sample: 5"}) {
    auto parsed = parse_access_log_policy(text);
    ASSERT_FALSE(parsed) << text;
    EXPECT_EQ(parsed.error().code, ErrorCode::invalid_argument);
    EXPECT_NE(parsed.error().message.find("all, errors, sample:N"), std::string::npos);
  }
}

TEST(AccessLogPolicy, NotableMeansAnErrorAFailureOrASlowRequest) {
  const AccessLogPolicy policy{.slow_after = std::chrono::milliseconds(500)};
  auto entry = [](int status, double ms, std::string error = "") {
    AccessEntry e;
    e.status = status;
    e.duration_ms = ms;
    e.error = std::move(error);
    return e;
  };
  EXPECT_FALSE(is_notable(entry(200, 1), policy));
  EXPECT_FALSE(is_notable(entry(304, 1), policy));
  EXPECT_FALSE(is_notable(entry(101, 1), policy));
  EXPECT_TRUE(is_notable(entry(400, 1), policy));
  EXPECT_TRUE(is_notable(entry(404, 1), policy));
  EXPECT_TRUE(is_notable(entry(503, 1), policy));
  EXPECT_TRUE(is_notable(entry(200, 500), policy));
  EXPECT_TRUE(is_notable(entry(200, 1, "a handler threw"), policy));
}

}  // namespace
}  // namespace weft::api
