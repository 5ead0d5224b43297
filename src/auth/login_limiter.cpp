#include "auth/login_limiter.hpp"

#include <algorithm>

namespace weft::auth {

std::optional<std::chrono::seconds> LoginLimiter::blocked_for(std::string_view account,
                                                              std::string_view address,
                                                              Clock::time_point now) {
  auto by_account = accounts_.blocked_for(account, now);
  auto by_address = addresses_.blocked_for(address, now);
  if (by_account && by_address) {
    return std::max(*by_account, *by_address);
  }
  return by_account ? by_account : by_address;
}

void LoginLimiter::record_failure(std::string_view account, std::string_view address,
                                  Clock::time_point now) {
  accounts_.record_failure(account, now);
  addresses_.record_failure(address, now);
}

void LoginLimiter::record_success(std::string_view account) {
  accounts_.forget(account);
}

std::size_t LoginLimiter::size() const {
  return accounts_.size() + addresses_.size();
}

}  // namespace weft::auth
