#include "auth/secret_bytes.hpp"

#include <sodium.h>

#include <cstdlib>
#include <iostream>

namespace weft::auth {

void ensure_sodium() {
  // sodium_init is thread-safe and returns 1 once initialised; the static
  // makes later calls free.
  static const bool ready = [] {
    if (sodium_init() < 0) {
      std::cerr << "weft: libsodium could not start (no source of randomness?)\n";
      std::abort();
    }
    return true;
  }();
  (void)ready;
}

SecretBytes SecretBytes::take(std::string& text) {
  SecretBytes secret(std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
  auth::wipe(text);
  return secret;
}

SecretBytes SecretBytes::random(std::size_t size) {
  ensure_sodium();
  SecretBytes secret(size);
  randombytes_buf(secret.data(), secret.size());
  return secret;
}

SecretBytes& SecretBytes::operator=(SecretBytes&& other) noexcept {
  if (this != &other) {
    wipe();
    bytes_ = std::move(other.bytes_);
    other.wipe();
  }
  return *this;
}

bool SecretBytes::equals(std::span<const std::uint8_t> other) const {
  return constant_time_equal(std::span<const std::uint8_t>(bytes_), other);
}

void SecretBytes::wipe() noexcept {
  if (!bytes_.empty()) {
    sodium_memzero(bytes_.data(), bytes_.size());
  }
  bytes_.clear();
}

void wipe(std::string& text) noexcept {
  if (!text.empty()) {
    sodium_memzero(text.data(), text.size());
  }
  text.clear();
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  return a.size() == b.size() && (a.empty() || sodium_memcmp(a.data(), b.data(), a.size()) == 0);
}

bool constant_time_equal(std::span<const std::uint8_t> a, std::span<const std::uint8_t> b) {
  return a.size() == b.size() && (a.empty() || sodium_memcmp(a.data(), b.data(), a.size()) == 0);
}

}  // namespace weft::auth
