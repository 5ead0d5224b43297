#include "llm/retry.hpp"

#include <algorithm>
#include <charconv>
#include <ctime>
#include <string>

namespace weft::llm {

std::optional<std::chrono::milliseconds> parse_retry_after(
    std::string_view value, std::chrono::system_clock::time_point now) {
  using namespace std::chrono;
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) {
    value.remove_prefix(1);
  }
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) {
    value.remove_suffix(1);
  }
  if (value.empty()) {
    return std::nullopt;
  }
  std::int64_t seconds = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
  if (ec == std::errc() && end == value.data() + value.size()) {
    return seconds < 0 ? std::nullopt : std::optional(milliseconds(seconds * 1000));
  }
  if (ec == std::errc::result_out_of_range) {
    return milliseconds::max();
  }
  // IMF-fixdate, the form servers send: "Sun, 06 Nov 1994 08:49:37 GMT".
  std::tm tm{};
  const std::string text(value);
  const char* parsed = strptime(text.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm);
  if (parsed == nullptr || *parsed != '\0') {
    return std::nullopt;
  }
  const auto at = system_clock::from_time_t(timegm(&tm));
  return at <= now ? milliseconds(0) : duration_cast<milliseconds>(at - now);
}

std::chrono::milliseconds backoff_delay(const RetryPolicy& policy, int next_attempt,
                                        std::minstd_rand& random) {
  using std::chrono::milliseconds;
  const int doublings = std::clamp(next_attempt - 2, 0, 30);
  const std::int64_t base = policy.initial_backoff.count();
  const std::int64_t cap = policy.max_backoff.count();
  const std::int64_t full = std::min(cap, base << std::min(doublings, 20));
  const std::int64_t half = full / 2;
  std::uniform_int_distribution<std::int64_t> jitter(0, full - half);
  return milliseconds(half + jitter(random));
}

}  // namespace weft::llm
