#pragma once
// Access tokens: JWTs in compact form, signed with HMAC-SHA256 (OpenSSL) and
// nothing else. The algorithm is fixed on the server: a token whose header
// names another ("none", "hs256", "RS256", none at all) is refused before its
// signature is looked at.
//
// Claims: iss, aud, sub (user id), ws (workspace id), role, iat, nbf, exp
// (iat + 15 minutes), jti. Verification checks all of them (with a small
// leeway for clocks) and refuses anything malformed: extra segments, a
// stripped signature (`a.b.`), bad base64url, bad JSON, wrong types.

#include <array>
#include <chrono>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "auth/roles.hpp"
#include "auth/secret_bytes.hpp"
#include "common/result.hpp"

namespace weft::auth {

using Time = std::chrono::system_clock::time_point;

struct TokenSettings {
  std::string issuer = "weft";
  std::string audience = "weft";
  std::chrono::seconds lifetime{15 * 60};
  /// Clock difference tolerated on exp and nbf.
  std::chrono::seconds leeway{30};
};

struct AccessClaims {
  std::string issuer;
  std::string audience;
  std::string user_id;    ///< sub
  std::string workspace;  ///< ws
  Role role = Role::viewer;
  std::int64_t issued_at = 0;   ///< iat, seconds since the epoch
  std::int64_t not_before = 0;  ///< nbf
  std::int64_t expires_at = 0;  ///< exp
  std::string token_id;         ///< jti
};

struct IssuedToken {
  std::string token;
  AccessClaims claims;
};

/// HMAC-SHA256 of `data` under `key`.
std::array<std::uint8_t, 32> hmac_sha256(std::span<const std::uint8_t> key, std::string_view data);

/// Seconds since the epoch, as JWT times are.
std::int64_t to_seconds(Time time);

class TokenSigner {
 public:
  static constexpr std::size_t kMinKeyBytes = 32;

  /// Refuses (invalid_argument) a key shorter than 32 bytes, empty included.
  static Result<TokenSigner> create(SecretBytes key, TokenSettings settings = {});

  /// A token for `user_id` acting in `workspace` as `role`, issued at `now`.
  IssuedToken issue(std::string_view user_id, std::string_view workspace, Role role,
                    Time now) const;
  /// Signs `claims` exactly as given (issue() fills them; tests forge odd ones).
  std::string sign(const AccessClaims& claims) const;
  /// The claims of a valid token; unauthenticated, saying why, otherwise.
  Result<AccessClaims> verify(std::string_view token, Time now) const;

  const TokenSettings& settings() const { return settings_; }

 private:
  TokenSigner(SecretBytes key, TokenSettings settings)
      : key_(std::move(key)), settings_(std::move(settings)) {}

  SecretBytes key_;
  TokenSettings settings_;
};

}  // namespace weft::auth
