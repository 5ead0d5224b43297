#include "auth/login_limiter.hpp"

#include <algorithm>
#include <vector>

namespace weft::auth {

namespace {

void drop_expired(std::deque<LoginLimiter::Clock::time_point>& failures,
                  std::chrono::seconds window, LoginLimiter::Clock::time_point now) {
  while (!failures.empty() && failures.front() + window <= now) {
    failures.pop_front();
  }
}

}  // namespace

std::optional<std::chrono::seconds> LoginLimiter::wait_in(Table& table, std::string_view key,
                                                          int limit, std::chrono::seconds window,
                                                          Clock::time_point now) {
  auto found = table.find(std::string(key));
  if (found == table.end()) {
    return std::nullopt;
  }
  auto& failures = found->second.failures;
  drop_expired(failures, window, now);
  if (failures.size() < static_cast<std::size_t>(limit)) {
    return std::nullopt;
  }
  // Rounded up, and at least one second, for a Retry-After header.
  const auto left = failures.front() + window - now;
  return std::max(std::chrono::seconds(1), std::chrono::ceil<std::chrono::seconds>(left));
}

std::optional<std::chrono::seconds> LoginLimiter::blocked_for(std::string_view account,
                                                              std::string_view address,
                                                              Clock::time_point now) {
  std::lock_guard lock(mutex_);
  auto by_account =
      wait_in(accounts_, account, limits_.account_failures, limits_.account_window, now);
  auto by_address =
      wait_in(addresses_, address, limits_.address_failures, limits_.address_window, now);
  if (by_account && by_address) {
    return std::max(*by_account, *by_address);
  }
  return by_account ? by_account : by_address;
}

void LoginLimiter::record_failure(std::string_view account, std::string_view address,
                                  Clock::time_point now) {
  std::lock_guard lock(mutex_);
  add(accounts_, account, limits_.account_failures, limits_.account_window, now);
  add(addresses_, address, limits_.address_failures, limits_.address_window, now);
}

void LoginLimiter::record_success(std::string_view account) {
  std::lock_guard lock(mutex_);
  accounts_.erase(std::string(account));
}

std::size_t LoginLimiter::size() const {
  std::lock_guard lock(mutex_);
  return accounts_.size() + addresses_.size();
}

void LoginLimiter::add(Table& table, std::string_view key, int limit, std::chrono::seconds window,
                       Clock::time_point now) {
  if (key.empty()) {
    return;
  }
  auto found = table.find(std::string(key));
  if (found == table.end()) {
    make_room(table, window, now);
    found = table.emplace(std::string(key), Window{}).first;
  }
  auto& failures = found->second.failures;
  drop_expired(failures, window, now);
  failures.push_back(now);
  // Only the newest `limit` failures matter for the decision.
  while (failures.size() > static_cast<std::size_t>(limit)) {
    failures.pop_front();
  }
}

void LoginLimiter::make_room(Table& table, std::chrono::seconds window, Clock::time_point now) {
  if (table.size() < limits_.max_entries) {
    return;
  }
  // An entry whose newest failure left the window has no live failure.
  std::erase_if(table, [&](const auto& entry) {
    const auto& failures = entry.second.failures;
    return failures.empty() || failures.back() + window <= now;
  });
  if (table.size() < limits_.max_entries) {
    return;
  }
  // Still full of live entries (an attack from many addresses): forget the
  // tenth whose newest failure is oldest, so the sweep is not paid per call.
  std::vector<std::pair<Clock::time_point, std::string>> ages;
  ages.reserve(table.size());
  for (const auto& [key, entry] : table) {
    ages.emplace_back(entry.failures.back(), key);
  }
  const std::size_t drop = std::max<std::size_t>(1, table.size() / 10);
  std::nth_element(ages.begin(), ages.begin() + static_cast<std::ptrdiff_t>(drop - 1), ages.end());
  for (std::size_t i = 0; i < drop; ++i) {
    table.erase(ages[i].second);
  }
}

}  // namespace weft::auth
