#include "triggers/webhook.hpp"

#include <date/date.h>
#include <openssl/crypto.h>

#include <algorithm>
#include <charconv>
#include <cstdio>

#include "auth/access_token.hpp"
#include "auth/encoding.hpp"

namespace weft::triggers {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

const json::value* field(const json::object& object, std::string_view key) {
  const json::value* value = object.if_contains(key);
  return value != nullptr && !value->is_null() ? value : nullptr;
}

/// A header name as HTTP allows one (RFC 9110 token), up to 100 characters.
bool header_name(std::string_view name) {
  constexpr std::string_view kTokenChars = "!#$%&'*+-.^_`|~";
  return !name.empty() && name.size() <= 100 && std::all_of(name.begin(), name.end(), [&](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) ||
           kTokenChars.find(c) != std::string_view::npos;
  });
}

void unknown_keys(const json::object& object, std::initializer_list<std::string_view> known,
                  std::string_view at, Problems& problems) {
  for (const auto& [key, value] : object) {
    if (std::find(known.begin(), known.end(), std::string_view(key)) == known.end()) {
      problems.push_back({std::string(at) + "/" + std::string(key),
                          "there is no setting `" + std::string(key) + "` here"});
    }
  }
}

std::optional<SignatureRule> parse_signature(const json::value& value, Problems& problems) {
  constexpr std::string_view at = "/config/signature";
  const json::object* object = value.if_object();
  if (object == nullptr) {
    problems.push_back({std::string(at), "`signature` is null or an object"});
    return std::nullopt;
  }
  unknown_keys(*object, {"scheme", "header", "prefix", "credential", "tolerance_seconds"}, at,
               problems);
  SignatureRule rule;
  const json::value* scheme = field(*object, "scheme");
  const std::string name = scheme != nullptr && scheme->is_string()
                               ? std::string(scheme->get_string())
                               : std::string("hmac_sha256");
  if (name == "github") {
    rule = {SignatureScheme::github, "x-hub-signature-256", "sha256="};
  } else if (name == "stripe") {
    rule = {SignatureScheme::stripe, "stripe-signature", ""};
  } else if (name == "hmac_sha256") {
    rule = {SignatureScheme::hmac_sha256, "x-signature", ""};
  } else {
    problems.push_back({std::string(at) + "/scheme", "`scheme` is hmac_sha256, github or stripe"});
  }
  if (const json::value* header = field(*object, "header")) {
    if (!header->is_string() || !header_name(header->get_string())) {
      problems.push_back({std::string(at) + "/header", "`header` is an HTTP header name"});
    } else {
      rule.header = lower(header->get_string());
    }
  }
  if (const json::value* prefix = field(*object, "prefix")) {
    if (!prefix->is_string() || prefix->get_string().size() > 64) {
      problems.push_back(
          {std::string(at) + "/prefix", "`prefix` is a text of up to 64 characters"});
    } else {
      rule.prefix = std::string(prefix->get_string());
    }
  }
  const json::value* credential = field(*object, "credential");
  if (credential == nullptr || !credential->is_string() || credential->get_string().empty()) {
    problems.push_back({std::string(at) + "/credential",
                        "choose the credential (a webhook signing secret) that holds the secret"});
  } else {
    rule.credential = std::string(credential->get_string());
  }
  if (const json::value* tolerance = field(*object, "tolerance_seconds")) {
    if (!tolerance->is_int64() || tolerance->get_int64() < 1 || tolerance->get_int64() > 86'400) {
      problems.push_back({std::string(at) + "/tolerance_seconds",
                          "`tolerance_seconds` is a whole number from 1 to 86400"});
    } else {
      rule.tolerance = std::chrono::seconds(tolerance->get_int64());
    }
  }
  return rule;
}

/// `2026-12-31T18:00:00Z` or with an offset (`+01:00`) and optional fractions.
std::optional<store::Time> parse_iso(std::string_view text) {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, consumed = 0;
  const std::string copy(text.substr(0, 64));
  if (std::sscanf(copy.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &year, &month, &day, &hour, &minute,
                  &second, &consumed) != 6) {
    return std::nullopt;
  }
  std::string_view rest = std::string_view(copy).substr(static_cast<std::size_t>(consumed));
  if (rest.starts_with('.')) {
    rest.remove_prefix(std::min(rest.find_first_not_of("0123456789", 1), rest.size()));
  }
  int offset_minutes = 0;
  if (rest.size() == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':') {
    const int hours = (rest[1] - '0') * 10 + (rest[2] - '0');
    const int minutes = (rest[4] - '0') * 10 + (rest[5] - '0');
    offset_minutes = (rest[0] == '-' ? -1 : 1) * (hours * 60 + minutes);
  } else if (rest != "Z" && rest != "z") {
    return std::nullopt;
  }
  const date::year_month_day ymd{date::year(year), date::month(static_cast<unsigned>(month)),
                                 date::day(static_cast<unsigned>(day))};
  if (!ymd.ok() || hour > 23 || minute > 59 || second > 60) {
    return std::nullopt;
  }
  return store::Time(date::sys_days(ymd) + std::chrono::hours(hour) +
                     std::chrono::minutes(minute - offset_minutes) + std::chrono::seconds(second));
}

std::string hex_hmac(std::string_view secret, std::string_view payload) {
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(secret.data());
  const auto digest = auth::hmac_sha256(std::span(bytes, secret.size()), payload);
  return auth::hex_encode(digest);
}

/// Constant-time comparison of two digests given as text.
bool same(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

Error refused(std::string message) {
  return Error::make(ErrorCode::unauthenticated, std::move(message));
}

}  // namespace

Result<WebhookConfig> parse_webhook_config(const json::value& value, Problems& problems) {
  const json::object empty;
  const json::object* object = value.is_null() ? &empty : value.if_object();
  if (object == nullptr) {
    problems.push_back({"/config", "a webhook's config is an object"});
    return Error::make(ErrorCode::invalid_input, problems.back().message);
  }
  unknown_keys(*object,
               {"method", "respond", "body", "signature", "idempotency", "rate_limit_per_minute"},
               "/config", problems);
  WebhookConfig config;
  if (const json::value* method = field(*object, "method")) {
    const std::string_view text = method->is_string() ? method->get_string() : "";
    if (text != "POST" && text != "PUT" && text != "PATCH" && text != "GET") {
      problems.push_back({"/config/method", "`method` is POST, PUT, PATCH or GET"});
    } else {
      config.method = std::string(text);
    }
  }
  if (const json::value* respond = field(*object, "respond")) {
    const std::string_view text = respond->is_string() ? respond->get_string() : "";
    if (text != "immediately" && text != "when_finished") {
      problems.push_back({"/config/respond", "`respond` is immediately or when_finished"});
    }
    config.respond_when_finished = text == "when_finished";
  }
  if (const json::value* body = field(*object, "body")) {
    const std::string_view text = body->is_string() ? body->get_string() : "";
    if (text != "json" && text != "form" && text != "multipart" && text != "text") {
      problems.push_back({"/config/body", "`body` is json, form, multipart or text"});
    }
    config.body = std::string(text);
  }
  if (const json::value* signature = field(*object, "signature")) {
    config.signature = parse_signature(*signature, problems);
  }
  if (const json::value* idempotency = field(*object, "idempotency")) {
    const json::object* rule = idempotency->if_object();
    if (rule == nullptr) {
      problems.push_back({"/config/idempotency", "`idempotency` is null or an object"});
    } else {
      unknown_keys(*rule, {"header", "field"}, "/config/idempotency", problems);
      const json::value* header = field(*rule, "header");
      const json::value* body_field = field(*rule, "field");
      if (header != nullptr && (!header->is_string() || !header_name(header->get_string()))) {
        problems.push_back({"/config/idempotency/header", "`header` is an HTTP header name"});
      } else if (header != nullptr) {
        config.idempotency_header = lower(header->get_string());
      }
      if (body_field != nullptr && (!body_field->is_string() || body_field->get_string().empty() ||
                                    body_field->get_string().size() > 100)) {
        problems.push_back({"/config/idempotency/field", "`field` names a field of the body"});
      } else if (body_field != nullptr) {
        config.idempotency_field = std::string(body_field->get_string());
      }
      if (header == nullptr && body_field == nullptr) {
        config.idempotency_header = "idempotency-key";
      }
    }
  }
  if (const json::value* limit = field(*object, "rate_limit_per_minute")) {
    if (!limit->is_int64() || limit->get_int64() < 1 || limit->get_int64() > 1'000'000) {
      problems.push_back({"/config/rate_limit_per_minute",
                          "`rate_limit_per_minute` is a whole number from 1 to 1000000, or null"});
    } else {
      config.rate_limit_per_minute = static_cast<int>(limit->get_int64());
    }
  }
  if (!problems.empty()) {
    return Error::make(ErrorCode::invalid_input, problems.front().message);
  }
  return config;
}

Status verify_signature(const SignatureRule& rule, std::string_view signed_value,
                        std::string_view body, std::string_view secret, store::Time now) {
  if (signed_value.empty()) {
    return refused("the delivery is not signed: the `" + rule.header + "` header is missing");
  }
  if (rule.scheme != SignatureScheme::stripe) {
    if (!signed_value.starts_with(rule.prefix)) {
      return refused("the `" + rule.header + "` header does not start with `" + rule.prefix + "`");
    }
    const std::string given = lower(signed_value.substr(rule.prefix.size()));
    if (!same(given, hex_hmac(secret, body))) {
      return refused("the signature does not match the body");
    }
    return Ok{};
  }
  // Stripe: `t=<unix seconds>,v1=<hex>[,v1=<hex>…]` over "<t>.<body>".
  std::string_view timestamp;
  std::vector<std::string_view> signatures;
  std::string_view rest = signed_value;
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    std::string_view item = rest.substr(0, comma);
    if (item.starts_with("t=")) {
      timestamp = item.substr(2);
    } else if (item.starts_with("v1=")) {
      signatures.push_back(item.substr(3));
    }
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
  }
  std::int64_t seconds = 0;
  const auto [end, ec] =
      std::from_chars(timestamp.data(), timestamp.data() + timestamp.size(), seconds);
  if (timestamp.empty() || ec != std::errc{} || end != timestamp.data() + timestamp.size() ||
      signatures.empty()) {
    return refused("the `" + rule.header + "` header is not `t=…,v1=…`");
  }
  const auto signed_at = store::Time(std::chrono::seconds(seconds));
  const auto age = now > signed_at ? now - signed_at : signed_at - now;
  if (age > rule.tolerance) {
    return refused("the signature's timestamp is more than " +
                   std::to_string(rule.tolerance.count()) + " s from now (a replay?)");
  }
  const std::string expected = hex_hmac(secret, std::string(timestamp) + "." + std::string(body));
  for (std::string_view given : signatures) {
    if (same(lower(given), expected)) {
      return Ok{};
    }
  }
  return refused("the signature does not match the body");
}

std::string sign(const SignatureRule& rule, std::string_view body, std::string_view secret,
                 store::Time now) {
  if (rule.scheme != SignatureScheme::stripe) {
    return rule.prefix + hex_hmac(secret, body);
  }
  const auto seconds =
      std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  const std::string t = std::to_string(seconds);
  return "t=" + t + ",v1=" + hex_hmac(secret, t + "." + std::string(body));
}

Result<FormConfig> parse_form_config(const json::value& value, Problems& problems) {
  const json::object empty;
  const json::object* object = value.is_null() ? &empty : value.if_object();
  if (object == nullptr) {
    problems.push_back({"/config", "a form's config is an object"});
    return Error::make(ErrorCode::invalid_input, problems.back().message);
  }
  unknown_keys(*object,
               {"title", "description", "expires_at", "max_submissions", "success_message"},
               "/config", problems);
  FormConfig config;
  for (auto [key, target, limit] : {std::tuple{"title", &config.title, 200},
                                    std::tuple{"description", &config.description, 5000},
                                    std::tuple{"success_message", &config.success_message, 2000}}) {
    if (const json::value* text = field(*object, key)) {
      if (!text->is_string() || text->get_string().size() > static_cast<std::size_t>(limit)) {
        problems.push_back(
            {"/config/" + std::string(key), "`" + std::string(key) + "` is a text of up to " +
                                                std::to_string(limit) + " characters"});
      } else {
        *target = std::string(text->get_string());
      }
    }
  }
  if (const json::value* expires = field(*object, "expires_at")) {
    config.expires_at = expires->is_string() ? parse_iso(expires->get_string()) : std::nullopt;
    if (!config.expires_at) {
      problems.push_back(
          {"/config/expires_at",
           "`expires_at` is an ISO 8601 time such as 2026-12-31T18:00:00Z, or null"});
    }
  }
  if (const json::value* max = field(*object, "max_submissions")) {
    if (!max->is_int64() || max->get_int64() < 1) {
      problems.push_back(
          {"/config/max_submissions", "`max_submissions` is a whole number from 1, or null"});
    } else {
      config.max_submissions = max->get_int64();
    }
  }
  if (!problems.empty()) {
    return Error::make(ErrorCode::invalid_input, problems.front().message);
  }
  return config;
}

}  // namespace weft::triggers
