#pragma once
// The text form of API keys: `wft_<prefix>_<secret>`, where the prefix (8
// lower-case letters and digits) finds the stored key and the secret (32
// random bytes, base64url) proves it. Only the prefix and the SHA-256 of the
// whole key are stored; the key itself is shown once, at creation.

#include <optional>
#include <string>
#include <string_view>

namespace weft::auth {

inline constexpr std::string_view kApiKeyMarker = "wft_";
inline constexpr std::size_t kApiKeyPrefixChars = 8;

struct GeneratedApiKey {
  std::string key;     ///< the whole key, for the person who asked, once
  std::string prefix;  ///< stored, shown in lists
  std::string hash;    ///< stored: sha256_hex(key)
};

GeneratedApiKey generate_api_key();

/// Whether a bearer token is meant as an API key (not a JWT).
bool looks_like_api_key(std::string_view token);

/// The prefix of a well-formed key; nullopt for anything else.
std::optional<std::string> api_key_prefix(std::string_view key);

/// Whether `key` hashes to `stored_hash` (constant time).
bool api_key_matches(std::string_view key, std::string_view stored_hash);

}  // namespace weft::auth
