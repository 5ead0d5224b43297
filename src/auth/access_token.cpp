#include "auth/access_token.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "auth/encoding.hpp"
#include "common/json.hpp"

namespace weft::auth {

namespace {

/// The one header we issue, and the one algorithm we accept.
constexpr std::string_view kHeader = R"({"alg":"HS256","typ":"JWT"})";
constexpr std::string_view kAlgorithm = "HS256";
/// Far above any token we issue; refuses junk before any work.
constexpr std::size_t kMaxTokenBytes = 4096;
constexpr JsonLimits kClaimLimits{2048, 4};

Error refused(std::string message) {
  return Error::make(ErrorCode::unauthenticated, "the access token " + std::move(message));
}

Result<json::object> decode_object(std::string_view segment, std::string_view what) {
  auto bytes = base64url_decode(segment);
  if (!bytes || bytes->empty()) {
    return refused("is malformed: its " + std::string(what) + " is not base64url");
  }
  auto parsed = parse_json(
      std::string_view(reinterpret_cast<const char*>(bytes->data()), bytes->size()), kClaimLimits);
  if (!parsed || !parsed->is_object()) {
    return refused("is malformed: its " + std::string(what) + " is not a JSON object");
  }
  return std::move(parsed->as_object());
}

Status check_header(const json::object& header) {
  const json::value* alg = header.if_contains("alg");
  if (alg == nullptr || !alg->is_string() || alg->as_string() != kAlgorithm) {
    return refused("is not signed with HS256, the only algorithm this server accepts");
  }
  const json::value* typ = header.if_contains("typ");
  if (typ != nullptr && (!typ->is_string() || typ->as_string() != "JWT")) {
    return refused("is not a JWT (typ)");
  }
  if (header.contains("crit")) {
    return refused("names critical header parameters this server does not know");
  }
  return Ok{};
}

const json::string* string_claim(const json::object& claims, std::string_view name) {
  const json::value* value = claims.if_contains(name);
  return value != nullptr && value->is_string() && !value->as_string().empty() ? &value->as_string()
                                                                               : nullptr;
}

const std::int64_t* time_claim(const json::object& claims, std::string_view name) {
  const json::value* value = claims.if_contains(name);
  return value != nullptr ? value->if_int64() : nullptr;
}

/// Reads every claim, requiring each with its type.
Result<AccessClaims> read_claims(const json::object& object) {
  const json::string* iss = string_claim(object, "iss");
  const json::string* aud = string_claim(object, "aud");
  const json::string* sub = string_claim(object, "sub");
  const json::string* ws = string_claim(object, "ws");
  const json::string* role_name = string_claim(object, "role");
  const json::string* jti = string_claim(object, "jti");
  const std::int64_t* iat = time_claim(object, "iat");
  const std::int64_t* nbf = time_claim(object, "nbf");
  const std::int64_t* exp = time_claim(object, "exp");
  if (!iss || !aud || !sub || !ws || !role_name || !jti || !iat || !nbf || !exp) {
    return refused("is missing a claim or has one of the wrong type");
  }
  auto role = parse_role(*role_name);
  if (!role) {
    return refused("names an unknown role");
  }
  return AccessClaims{std::string(*iss),
                      std::string(*aud),
                      std::string(*sub),
                      std::string(*ws),
                      *role,
                      *iat,
                      *nbf,
                      *exp,
                      std::string(*jti)};
}

}  // namespace

std::array<std::uint8_t, 32> hmac_sha256(std::span<const std::uint8_t> key, std::string_view data) {
  static const std::uint8_t kNoKey = 0;  // HMAC() wants a pointer even for an empty key
  std::array<std::uint8_t, 32> mac{};
  unsigned int length = 0;
  HMAC(EVP_sha256(), key.empty() ? &kNoKey : key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), mac.data(), &length);
  return mac;
}

std::int64_t to_seconds(Time time) {
  return std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch()).count();
}

Result<TokenSigner> TokenSigner::create(SecretBytes key, TokenSettings settings) {
  if (key.size() < kMinKeyBytes) {
    return Error::make(ErrorCode::invalid_argument,
                       "the token signing key must have at least " + std::to_string(kMinKeyBytes) +
                           " bytes; it has " + std::to_string(key.size()));
  }
  return TokenSigner(std::move(key), std::move(settings));
}

IssuedToken TokenSigner::issue(std::string_view user_id, std::string_view workspace, Role role,
                               Time now) const {
  AccessClaims claims;
  claims.issuer = settings_.issuer;
  claims.audience = settings_.audience;
  claims.user_id = std::string(user_id);
  claims.workspace = std::string(workspace);
  claims.role = role;
  claims.issued_at = to_seconds(now);
  claims.not_before = claims.issued_at;
  claims.expires_at = claims.issued_at + settings_.lifetime.count();
  claims.token_id = random_token(16);
  std::string token = sign(claims);
  return {std::move(token), std::move(claims)};
}

std::string TokenSigner::sign(const AccessClaims& claims) const {
  const json::object payload{
      {"iss", claims.issuer},     {"aud", claims.audience},         {"sub", claims.user_id},
      {"ws", claims.workspace},   {"role", to_string(claims.role)}, {"iat", claims.issued_at},
      {"nbf", claims.not_before}, {"exp", claims.expires_at},       {"jti", claims.token_id},
  };
  std::string token = base64url_encode(kHeader) + "." + base64url_encode(to_json_string(payload));
  const auto mac = hmac_sha256(key_.span(), token);
  return token + "." + base64url_encode(mac);
}

Result<AccessClaims> TokenSigner::verify(std::string_view token, Time now) const {
  if (token.empty() || token.size() > kMaxTokenBytes) {
    return refused("is missing or too long");
  }
  const std::size_t first = token.find('.');
  const std::size_t second = first == std::string_view::npos ? first : token.find('.', first + 1);
  if (second == std::string_view::npos || token.find('.', second + 1) != std::string_view::npos) {
    return refused("is malformed: a JWT has exactly three parts");
  }
  const std::string_view signing_input = token.substr(0, second);
  const std::string_view signature_text = token.substr(second + 1);
  auto header = decode_object(token.substr(0, first), "header");
  if (!header) {
    return std::move(header).error();
  }
  if (auto checked = check_header(*header); !checked) {
    return std::move(checked).error();
  }
  if (signature_text.empty()) {
    return refused("has no signature");
  }
  const auto signature = base64url_decode(signature_text);
  const auto expected = hmac_sha256(key_.span(), signing_input);
  if (!signature || !constant_time_equal(std::span<const std::uint8_t>(expected), *signature)) {
    return refused("has a signature that does not match");
  }
  // Only a token we signed gets this far.
  auto payload = decode_object(token.substr(first + 1, second - first - 1), "payload");
  if (!payload) {
    return std::move(payload).error();
  }
  auto claims = read_claims(*payload);
  if (!claims) {
    return claims;
  }
  if (claims->issuer != settings_.issuer || claims->audience != settings_.audience) {
    return refused("was issued by another issuer or for another audience");
  }
  const std::int64_t seconds = to_seconds(now);
  const std::int64_t leeway = settings_.leeway.count();
  if (seconds >= claims->expires_at + leeway) {
    return refused("has expired; refresh it");
  }
  if (seconds + leeway < claims->not_before || seconds + leeway < claims->issued_at) {
    return refused("is not valid yet");
  }
  return claims;
}

}  // namespace weft::auth
