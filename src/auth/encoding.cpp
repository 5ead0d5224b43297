#include "auth/encoding.hpp"

#include <sodium.h>

#include "auth/secret_bytes.hpp"

namespace weft::auth {

namespace {

std::string encode(std::span<const std::uint8_t> bytes, int variant) {
  ensure_sodium();
  std::string text(sodium_base64_encoded_len(bytes.size(), variant), '\0');
  sodium_bin2base64(text.data(), text.size(), bytes.data(), bytes.size(), variant);
  text.resize(text.size() - 1);  // the encoded length counts the terminating NUL
  return text;
}

std::optional<std::vector<std::uint8_t>> decode(std::string_view text, int variant) {
  ensure_sodium();
  std::vector<std::uint8_t> bytes(text.size() * 3 / 4 + 3);
  std::size_t length = 0;
  const char* end = nullptr;
  if (sodium_base642bin(bytes.data(), bytes.size(), text.data(), text.size(), nullptr, &length,
                        &end, variant) != 0 ||
      end != text.data() + text.size()) {
    return std::nullopt;
  }
  bytes.resize(length);
  return bytes;
}

}  // namespace

std::string base64url_encode(std::span<const std::uint8_t> bytes) {
  return encode(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

std::string base64url_encode(std::string_view bytes) {
  return base64url_encode(
      std::span(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()));
}

std::optional<std::vector<std::uint8_t>> base64url_decode(std::string_view text) {
  return decode(text, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

std::optional<std::vector<std::uint8_t>> base64_decode(std::string_view text) {
  const bool padded = !text.empty() && text.back() == '=';
  return decode(
      text, padded ? sodium_base64_VARIANT_ORIGINAL : sodium_base64_VARIANT_ORIGINAL_NO_PADDING);
}

std::string base64_encode(std::span<const std::uint8_t> bytes) {
  return encode(bytes, sodium_base64_VARIANT_ORIGINAL);
}

std::string hex_encode(std::span<const std::uint8_t> bytes) {
  ensure_sodium();
  std::string text(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(text.data(), text.size(), bytes.data(), bytes.size());
  text.resize(bytes.size() * 2);
  return text;
}

std::optional<std::vector<std::uint8_t>> hex_decode(std::string_view text) {
  ensure_sodium();
  if (text.size() % 2 != 0) {
    return std::nullopt;
  }
  std::vector<std::uint8_t> bytes(text.size() / 2);
  std::size_t length = 0;
  const char* end = nullptr;
  if (sodium_hex2bin(bytes.data(), bytes.size(), text.data(), text.size(), nullptr, &length,
                     &end) != 0 ||
      end != text.data() + text.size() || length != bytes.size()) {
    return std::nullopt;
  }
  return bytes;
}

std::string sha256_hex(std::string_view data) {
  ensure_sodium();
  std::uint8_t digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  return hex_encode(digest);
}

std::string random_token(std::size_t size) {
  const SecretBytes bytes = SecretBytes::random(size);
  return base64url_encode(bytes.span());
}

}  // namespace weft::auth
