#include "auth/failure_limiter.hpp"

#include <algorithm>
#include <vector>

namespace weft::auth {

namespace {

void drop_expired(std::deque<FailureLimiter::Clock::time_point>& failures,
                  std::chrono::seconds window, FailureLimiter::Clock::time_point now) {
  while (!failures.empty() && failures.front() + window <= now) {
    failures.pop_front();
  }
}

}  // namespace

std::optional<std::chrono::seconds> FailureLimiter::blocked_for(std::string_view key,
                                                                Clock::time_point now) {
  std::lock_guard lock(mutex_);
  auto found = table_.find(std::string(key));
  if (found == table_.end()) {
    return std::nullopt;
  }
  auto& failures = found->second;
  drop_expired(failures, limit_.window, now);
  if (failures.size() < static_cast<std::size_t>(limit_.failures)) {
    return std::nullopt;
  }
  // Rounded up, and at least one second, for a Retry-After header.
  const auto left = failures.front() + limit_.window - now;
  return std::max(std::chrono::seconds(1), std::chrono::ceil<std::chrono::seconds>(left));
}

void FailureLimiter::record_failure(std::string_view key, Clock::time_point now) {
  if (key.empty()) {
    return;
  }
  std::lock_guard lock(mutex_);
  auto found = table_.find(std::string(key));
  if (found == table_.end()) {
    make_room(now);
    found = table_.emplace(std::string(key), Failures{}).first;
  }
  auto& failures = found->second;
  drop_expired(failures, limit_.window, now);
  failures.push_back(now);
  // Only the newest `failures` failures matter for the decision.
  while (failures.size() > static_cast<std::size_t>(limit_.failures)) {
    failures.pop_front();
  }
}

void FailureLimiter::forget(std::string_view key) {
  std::lock_guard lock(mutex_);
  table_.erase(std::string(key));
}

std::size_t FailureLimiter::size() const {
  std::lock_guard lock(mutex_);
  return table_.size();
}

void FailureLimiter::make_room(Clock::time_point now) {
  if (table_.size() < limit_.max_entries) {
    return;
  }
  // An entry whose newest failure left the window has no live failure.
  std::erase_if(table_, [&](const auto& entry) {
    const auto& failures = entry.second;
    return failures.empty() || failures.back() + limit_.window <= now;
  });
  if (table_.size() < limit_.max_entries) {
    return;
  }
  // Still full of live entries (an attack from many addresses): forget the
  // tenth whose newest failure is oldest, so the sweep is not paid per call.
  std::vector<std::pair<Clock::time_point, std::string>> ages;
  ages.reserve(table_.size());
  for (const auto& [key, failures] : table_) {
    ages.emplace_back(failures.back(), key);
  }
  const std::size_t drop = std::max<std::size_t>(1, table_.size() / 10);
  std::nth_element(ages.begin(), ages.begin() + static_cast<std::ptrdiff_t>(drop - 1), ages.end());
  for (std::size_t i = 0; i < drop; ++i) {
    table_.erase(ages[i].second);
  }
}

Error too_many_failures(std::string_view what, std::chrono::seconds wait) {
  Error error = Error::make(ErrorCode::rate_limited, "too many failed " + std::string(what) +
                                                         "; try again in " +
                                                         std::to_string(wait.count()) + " seconds");
  error.retryable = true;
  error.retry_after = wait;
  return error;
}

}  // namespace weft::auth
