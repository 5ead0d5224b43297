#include "auth/master_key.hpp"

#include <sodium.h>

#include "auth/encoding.hpp"

namespace weft::auth {

namespace {

// libsodium KDF contexts: exactly 8 characters each.
constexpr char kVaultContext[9] = "weftvalt";
constexpr char kTokenContext[9] = "wefttokn";
constexpr char kIdContext[9] = "weftkyid";
constexpr std::uint64_t kSubkeyId = 1;
constexpr std::size_t kIdBytes = 8;

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) {
    return {};
  }
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

std::optional<std::vector<std::uint8_t>> decode_key(std::string_view text) {
  if (text.size() == MasterKey::kBytes * 2) {
    if (auto hex = hex_decode(text)) {
      return hex;
    }
  }
  if (auto standard = base64_decode(text)) {
    return standard;
  }
  std::string unpadded(text);
  while (!unpadded.empty() && unpadded.back() == '=') {
    unpadded.pop_back();
  }
  return base64url_decode(unpadded);
}

}  // namespace

MasterKey::MasterKey(SecretBytes bytes, KeySource source)
    : bytes_(std::move(bytes)), source_(source) {
  const SecretBytes id = derive(kSubkeyId, kIdContext);
  id_ = hex_encode(id.span().first(kIdBytes));
}

Result<MasterKey> MasterKey::parse(std::string_view text, KeySource source,
                                   std::string_view origin) {
  const std::string_view trimmed = trim(text);
  const std::string hint =
      "; it must be 32 random bytes written as 64 hex digits or as base64, for example the "
      "output of `openssl rand -base64 32`";
  if (trimmed.empty()) {
    return Error::make(ErrorCode::invalid_argument, std::string(origin) + " is empty" + hint);
  }
  auto bytes = decode_key(trimmed);
  if (!bytes) {
    return Error::make(ErrorCode::invalid_argument,
                       std::string(origin) + " is neither hex nor base64" + hint);
  }
  SecretBytes secret{std::span<const std::uint8_t>(*bytes)};
  sodium_memzero(bytes->data(), bytes->size());
  if (secret.size() != kBytes) {
    return Error::make(ErrorCode::invalid_argument, std::string(origin) + " decodes to " +
                                                        std::to_string(secret.size()) +
                                                        " bytes, not 32" + hint);
  }
  return MasterKey(std::move(secret), source);
}

MasterKey MasterKey::generate(KeySource source) {
  return MasterKey(SecretBytes::random(kBytes), source);
}

SecretBytes MasterKey::vault_key() const {
  return derive(kSubkeyId, kVaultContext);
}

SecretBytes MasterKey::token_key() const {
  return derive(kSubkeyId, kTokenContext);
}

std::string MasterKey::encoded() const {
  return base64_encode(bytes_.span());
}

SecretBytes MasterKey::derive(std::uint64_t subkey_id, const char (&context)[9]) const {
  static_assert(crypto_kdf_KEYBYTES == kBytes);
  ensure_sodium();
  SecretBytes subkey(kBytes);
  crypto_kdf_derive_from_key(subkey.data(), subkey.size(), subkey_id, context, bytes_.data());
  return subkey;
}

}  // namespace weft::auth
