// Access tokens: every forgery and every stale or foreign token is refused
// (src/auth/access_token.cpp).
#include "auth/access_token.hpp"

#include <gtest/gtest.h>

#include "auth/encoding.hpp"
#include "common/json.hpp"

namespace weft::auth {
namespace {

const Time kNow = Time(std::chrono::seconds(1'700'000'000));

SecretBytes key_of(char fill, std::size_t size = 32) {
  std::string text(size, fill);
  return SecretBytes::take(text);
}

TokenSigner signer(char fill = 'k', TokenSettings settings = {}) {
  auto made = TokenSigner::create(key_of(fill), std::move(settings));
  EXPECT_TRUE(made.ok());
  return std::move(*made);
}

std::string b64(std::string_view text) {
  return base64url_encode(text);
}

std::string payload_json(std::int64_t iat = 1'700'000'000) {
  return to_json_string(json::object{{"iss", "weft"},
                                     {"aud", "weft"},
                                     {"sub", "usr_1"},
                                     {"ws", "ws_default"},
                                     {"role", "owner"},
                                     {"iat", iat},
                                     {"nbf", iat},
                                     {"exp", iat + 900},
                                     {"jti", "j1"}});
}

/// header.payload signed with HMAC-SHA256 under `key`.
std::string forge(std::string_view header, std::string_view payload, const SecretBytes& key) {
  const std::string input = b64(header) + "." + b64(payload);
  return input + "." + base64url_encode(hmac_sha256(key.span(), input));
}

void expect_refused(const TokenSigner& s, const std::string& token, std::string_view why) {
  auto verified = s.verify(token, kNow);
  ASSERT_FALSE(verified.ok()) << "accepted: " << token;
  EXPECT_EQ(verified.error().code, ErrorCode::unauthenticated);
  EXPECT_NE(verified.error().message.find(why), std::string::npos) << verified.error().message;
}

TEST(AccessToken, RoundTrip) {
  const auto s = signer();
  auto issued = s.issue("usr_1", "ws_1", Role::editor, kNow);
  auto claims = s.verify(issued.token, kNow);
  ASSERT_TRUE(claims.ok()) << claims.error().message;
  EXPECT_EQ(claims->user_id, "usr_1");
  EXPECT_EQ(claims->workspace, "ws_1");
  EXPECT_EQ(claims->role, Role::editor);
  EXPECT_EQ(claims->issuer, "weft");
  EXPECT_EQ(claims->audience, "weft");
  EXPECT_EQ(claims->expires_at - claims->issued_at, 15 * 60);
  EXPECT_FALSE(claims->token_id.empty());
  EXPECT_NE(s.issue("usr_1", "ws_1", Role::editor, kNow).claims.token_id, claims->token_id);
  // Three base64url parts, no padding.
  EXPECT_EQ(std::count(issued.token.begin(), issued.token.end(), '.'), 2);
  EXPECT_EQ(issued.token.find('='), std::string::npos);
}

TEST(AccessToken, AlgNoneIsRefused) {
  const auto s = signer();
  const std::string unsigned_token =
      b64(R"({"alg":"none","typ":"JWT"})") + "." + b64(payload_json()) + ".";
  expect_refused(s, unsigned_token, "HS256");
  expect_refused(s, b64(R"({"alg":"none"})") + "." + b64(payload_json()), "three parts");
  // Even with a valid HS256 signature, a header saying "none" is refused.
  expect_refused(s, forge(R"({"alg":"none"})", payload_json(), key_of('k')), "HS256");
}

TEST(AccessToken, OnlyExactlyHS256IsAccepted) {
  const auto s = signer();
  for (const char* header :
       {R"({"alg":"hs256","typ":"JWT"})", R"({"alg":"HS512","typ":"JWT"})",
        R"({"alg":"RS256","typ":"JWT"})", R"({"alg":"ES256"})", R"({"alg":" HS256"})",
        R"({"alg":["HS256"]})", R"({"typ":"JWT"})", R"({})"}) {
    expect_refused(s, forge(header, payload_json(), key_of('k')), "HS256");
  }
  expect_refused(s, forge(R"({"alg":"HS256","typ":"JWS"})", payload_json(), key_of('k')), "typ");
  expect_refused(s, forge(R"({"alg":"HS256","crit":["b64"]})", payload_json(), key_of('k')),
                 "critical");
  // The typ header is optional.
  EXPECT_TRUE(s.verify(forge(R"({"alg":"HS256"})", payload_json(), key_of('k')), kNow).ok());
}

TEST(AccessToken, AWrongSignatureIsRefused) {
  const auto s = signer('k');
  const auto other = signer('x');
  expect_refused(s, other.issue("usr_1", "ws_1", Role::owner, kNow).token, "does not match");
  // One changed claim breaks the signature.
  auto token = s.issue("usr_1", "ws_1", Role::viewer, kNow).token;
  const auto first = token.find('.');
  const auto second = token.find('.', first + 1);
  std::string payload = to_json_string(json::object{{"iss", "weft"},
                                                    {"aud", "weft"},
                                                    {"sub", "usr_1"},
                                                    {"ws", "ws_1"},
                                                    {"role", "owner"},
                                                    {"iat", 1'700'000'000},
                                                    {"nbf", 1'700'000'000},
                                                    {"exp", 1'700'000'900},
                                                    {"jti", "j"}});
  expect_refused(s, token.substr(0, first) + "." + b64(payload) + token.substr(second),
                 "does not match");
  // A flipped signature character.
  std::string flipped = token;
  flipped.back() = flipped.back() == 'A' ? 'B' : 'A';
  expect_refused(s, flipped, "");
}

TEST(AccessToken, AStrippedSignatureIsRefused) {
  const auto s = signer();
  const auto token = s.issue("usr_1", "ws_1", Role::owner, kNow).token;
  const std::string stripped = token.substr(0, token.rfind('.') + 1);
  expect_refused(s, stripped, "no signature");
  expect_refused(s, token.substr(0, token.rfind('.')), "three parts");
}

TEST(AccessToken, ATokenSignedWithAnEmptyKeyIsRefused) {
  const auto s = signer();
  expect_refused(s, forge(R"({"alg":"HS256","typ":"JWT"})", payload_json(), SecretBytes()),
                 "does not match");
}

TEST(AccessToken, ASignerRefusesAnEmptyOrShortKey) {
  auto empty = TokenSigner::create(SecretBytes());
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().code, ErrorCode::invalid_argument);
  EXPECT_NE(empty.error().message.find("at least 32 bytes"), std::string::npos);
  EXPECT_FALSE(TokenSigner::create(key_of('k', 31)).ok());
  EXPECT_TRUE(TokenSigner::create(key_of('k', 32)).ok());
}

TEST(AccessToken, TimesAreChecked) {
  const auto s = signer();
  const auto token = s.issue("usr_1", "ws_1", Role::owner, kNow).token;
  EXPECT_TRUE(s.verify(token, kNow).ok());
  EXPECT_TRUE(s.verify(token, kNow + std::chrono::seconds(15 * 60 + 29)).ok());
  auto expired = s.verify(token, kNow + std::chrono::seconds(15 * 60 + 30));
  ASSERT_FALSE(expired.ok());
  EXPECT_NE(expired.error().message.find("expired"), std::string::npos);

  EXPECT_TRUE(s.verify(token, kNow - std::chrono::seconds(30)).ok());
  auto early = s.verify(token, kNow - std::chrono::seconds(31));
  ASSERT_FALSE(early.ok());
  EXPECT_NE(early.error().message.find("not valid yet"), std::string::npos);

  // A token whose nbf lies ahead of its iat.
  AccessClaims claims = s.issue("usr_1", "ws_1", Role::owner, kNow).claims;
  claims.not_before = claims.issued_at + 600;
  expect_refused(s, s.sign(claims), "not valid yet");
}

TEST(AccessToken, TheLeewayIsConfigurable) {
  TokenSettings strict;
  strict.leeway = std::chrono::seconds(0);
  const auto s = signer('k', strict);
  const auto token = s.issue("usr_1", "ws_1", Role::owner, kNow).token;
  EXPECT_FALSE(s.verify(token, kNow + std::chrono::seconds(15 * 60)).ok());
  EXPECT_FALSE(s.verify(token, kNow - std::chrono::seconds(1)).ok());
}

TEST(AccessToken, WrongIssuerOrAudienceIsRefused) {
  const auto s = signer('k');
  TokenSettings other_issuer;
  other_issuer.issuer = "someone-else";
  TokenSettings other_audience;
  other_audience.audience = "another-api";
  expect_refused(s, signer('k', other_issuer).issue("u", "w", Role::owner, kNow).token,
                 "another issuer");
  expect_refused(s, signer('k', other_audience).issue("u", "w", Role::owner, kNow).token,
                 "another audience");
}

TEST(AccessToken, MalformedTokensAreRefused) {
  const auto s = signer();
  const auto token = s.issue("usr_1", "ws_1", Role::owner, kNow).token;
  expect_refused(s, "", "missing");
  expect_refused(s, "abc", "three parts");
  expect_refused(s, token + ".extra", "three parts");
  expect_refused(s, token + ".", "three parts");
  expect_refused(s, "." + token, "three parts");
  expect_refused(s, std::string(5000, 'a'), "too long");
  // Padding, whitespace and the standard alphabet are not base64url.
  const auto dot = token.find('.');
  expect_refused(s, token.substr(0, dot) + "=" + token.substr(dot), "base64url");
  expect_refused(s, "e30+." + token.substr(dot + 1), "base64url");
  expect_refused(s, " " + token, "base64url");
  // Well-formed base64url that is not JSON, or JSON that is not an object.
  expect_refused(s, b64("not json") + token.substr(dot), "JSON object");
  expect_refused(s, b64("[1]") + token.substr(dot), "JSON object");
  expect_refused(s, forge(R"({"alg":"HS256"})", "not json", key_of('k')), "JSON object");
  // Claims of the wrong type or missing.
  expect_refused(s,
                 forge(R"({"alg":"HS256"})",
                       R"({"iss":"weft","aud":"weft","sub":"u","ws":"w","role":"owner",)"
                       R"("iat":"1700000000","nbf":1700000000,"exp":1700000900,"jti":"j"})",
                       key_of('k')),
                 "wrong type");
  expect_refused(s,
                 forge(R"({"alg":"HS256"})",
                       R"({"iss":"weft","aud":"weft","sub":"u","role":"owner",)"
                       R"("iat":1700000000,"nbf":1700000000,"exp":1700000900,"jti":"j"})",
                       key_of('k')),
                 "missing a claim");
  expect_refused(s,
                 forge(R"({"alg":"HS256"})",
                       R"({"iss":"weft","aud":"weft","sub":"u","ws":"w","role":"root",)"
                       R"("iat":1700000000,"nbf":1700000000,"exp":1700000900,"jti":"j"})",
                       key_of('k')),
                 "unknown role");
}

TEST(AccessToken, HmacMatchesRfc4231) {
  // RFC 4231 test case 2.
  const std::string key = "Jefe";
  const auto mac =
      hmac_sha256(std::span(reinterpret_cast<const std::uint8_t*>(key.data()), key.size()),
                  "what do ya want for nothing?");
  EXPECT_EQ(hex_encode(mac), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

}  // namespace
}  // namespace weft::auth
