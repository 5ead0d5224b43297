#include "auth/api_key.hpp"

#include "auth/encoding.hpp"
#include "auth/secret_bytes.hpp"

namespace weft::auth {

namespace {

constexpr std::size_t kSecretBytes = 32;
constexpr std::size_t kSecretChars = 43;  // base64url of 32 bytes, unpadded
constexpr std::string_view kPrefixAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

bool is_prefix_char(char c) {
  return kPrefixAlphabet.find(c) != std::string_view::npos;
}

bool is_base64url_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_';
}

std::string random_prefix() {
  // 256 is a multiple of neither 36 nor a power of it; reject the bytes
  // that would bias the draw.
  constexpr unsigned kUsable = 256 - 256 % kPrefixAlphabet.size();
  std::string prefix;
  while (prefix.size() < kApiKeyPrefixChars) {
    const SecretBytes bytes = SecretBytes::random(kApiKeyPrefixChars);
    for (std::uint8_t byte : bytes.span()) {
      if (byte < kUsable && prefix.size() < kApiKeyPrefixChars) {
        prefix += kPrefixAlphabet[byte % kPrefixAlphabet.size()];
      }
    }
  }
  return prefix;
}

}  // namespace

GeneratedApiKey generate_api_key() {
  GeneratedApiKey generated;
  generated.prefix = random_prefix();
  generated.key = std::string(kApiKeyMarker) + generated.prefix + "_" + random_token(kSecretBytes);
  generated.hash = sha256_hex(generated.key);
  return generated;
}

bool looks_like_api_key(std::string_view token) {
  return token.substr(0, kApiKeyMarker.size()) == kApiKeyMarker;
}

std::optional<std::string> api_key_prefix(std::string_view key) {
  const std::size_t separator = kApiKeyMarker.size() + kApiKeyPrefixChars;
  if (key.size() != separator + 1 + kSecretChars || !looks_like_api_key(key) ||
      key[separator] != '_') {
    return std::nullopt;
  }
  const std::string_view prefix = key.substr(kApiKeyMarker.size(), kApiKeyPrefixChars);
  const std::string_view secret = key.substr(separator + 1);
  for (char c : prefix) {
    if (!is_prefix_char(c)) {
      return std::nullopt;
    }
  }
  for (char c : secret) {
    if (!is_base64url_char(c)) {
      return std::nullopt;
    }
  }
  return std::string(prefix);
}

bool api_key_matches(std::string_view key, std::string_view stored_hash) {
  return constant_time_equal(sha256_hex(key), stored_hash);
}

}  // namespace weft::auth
