#include "auth/password.hpp"

#include <sodium.h>

#include "auth/encoding.hpp"
#include "auth/secret_bytes.hpp"
#include "common/text.hpp"

namespace weft::auth {

PasswordCost PasswordCost::interactive() {
  return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

PasswordCost PasswordCost::minimum() {
  return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
}

Status check_password_policy(std::string_view password) {
  if (utf8_length(password) < kMinPasswordChars) {
    return Error::make(ErrorCode::invalid_argument, "the password is too short: use at least " +
                                                        std::to_string(kMinPasswordChars) +
                                                        " characters");
  }
  if (password.size() > kMaxPasswordBytes) {
    return Error::make(
        ErrorCode::invalid_argument,
        "the password is too long: use at most " + std::to_string(kMaxPasswordBytes) + " bytes");
  }
  return Ok{};
}

class PasswordHasher::Slot {
 public:
  explicit Slot(const PasswordHasher& hasher) : hasher_(hasher) {
    std::unique_lock lock(hasher_.mutex_);
    hasher_.freed_.wait(lock, [&] { return hasher_.running_ < hasher_.max_concurrent_; });
    ++hasher_.running_;
  }
  ~Slot() {
    {
      std::lock_guard lock(hasher_.mutex_);
      --hasher_.running_;
    }
    hasher_.freed_.notify_one();
  }
  Slot(const Slot&) = delete;
  Slot& operator=(const Slot&) = delete;

 private:
  const PasswordHasher& hasher_;
};

PasswordHasher::PasswordHasher(PasswordCost cost, int max_concurrent)
    : cost_(cost), max_concurrent_(max_concurrent < 1 ? 1 : max_concurrent) {
  ensure_sodium();
  std::string throwaway = random_token(24);
  auto made = hash(throwaway);
  wipe(throwaway);
  dummy_hash_ = made ? std::move(*made) : std::string();
}

Result<std::string> PasswordHasher::hash(std::string_view password) const {
  Slot slot(*this);
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), cost_.ops, cost_.memory) != 0) {
    return Error::make(ErrorCode::internal, "hashing the password ran out of memory");
  }
  return std::string(out);
}

bool PasswordHasher::verify(std::string_view hash, std::string_view password) const {
  // crypto_pwhash_str_verify reads a NUL-terminated string of bounded length.
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) {
    return false;
  }
  const std::string terminated(hash);
  Slot slot(*this);
  return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

bool PasswordHasher::needs_rehash(std::string_view hash) const {
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) {
    return true;
  }
  const std::string terminated(hash);
  return crypto_pwhash_str_needs_rehash(terminated.c_str(), cost_.ops, cost_.memory) != 0;
}

void PasswordHasher::verify_nothing(std::string_view password) const {
  (void)verify(dummy_hash_, password);
}

}  // namespace weft::auth
