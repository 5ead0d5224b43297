#include "api/http/access_log_policy.hpp"

#include <charconv>
#include <string>

namespace weft::api {
namespace {

constexpr unsigned kMaxSampleEvery = 1'000'000;
constexpr std::string_view kSamplePrefix = "sample:";

Error bad_policy(std::string_view text) {
  return Error::make(ErrorCode::invalid_argument,
                     "the access log setting must be all, errors, sample:N (N from 1 to " +
                         std::to_string(kMaxSampleEvery) + ") or off; got `" + std::string(text) +
                         "`");
}

}  // namespace

Result<AccessLogPolicy> parse_access_log_policy(std::string_view text) {
  AccessLogPolicy policy;
  if (text == "all") {
    policy.level = AccessLogLevel::all;
    return policy;
  }
  if (text == "errors") {
    policy.level = AccessLogLevel::errors;
    return policy;
  }
  if (text == "off") {
    policy.level = AccessLogLevel::off;
    return policy;
  }
  if (!text.starts_with(kSamplePrefix)) {
    return bad_policy(text);
  }
  const std::string_view number = text.substr(kSamplePrefix.size());
  unsigned every = 0;
  auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), every);
  if (number.empty() || ec != std::errc() || end != number.data() + number.size() || every < 1 ||
      every > kMaxSampleEvery) {
    return bad_policy(text);
  }
  policy.level = AccessLogLevel::sample;
  policy.sample_every = every;
  return policy;
}

bool is_notable(const AccessEntry& entry, const AccessLogPolicy& policy) {
  return entry.status >= 400 || !entry.error.empty() ||
         entry.duration_ms >= static_cast<double>(policy.slow_after.count());
}

}  // namespace weft::api
