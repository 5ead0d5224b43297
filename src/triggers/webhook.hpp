#pragma once
// A webhook trigger's config (DESIGN §9) and the checks on a delivery that
// need no server: the signature over the raw body (HMAC-SHA256 in the
// generic, GitHub and Stripe formats) and the idempotency key.

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "common/json.hpp"
#include "common/problem.hpp"
#include "common/result.hpp"
#include "store/store.hpp"

namespace weft::triggers {

enum class SignatureScheme { hmac_sha256, github, stripe };

struct SignatureRule {
  SignatureScheme scheme = SignatureScheme::hmac_sha256;
  std::string header;                   ///< lower case
  std::string prefix;                   ///< before the hex digest ("sha256=")
  std::string credential;               ///< a `webhook_secret` credential of the workspace
  std::chrono::seconds tolerance{300};  ///< Stripe: how old a signed timestamp may be
};

struct WebhookConfig {
  std::string method = "POST";
  bool respond_when_finished = false;
  /// How a body is read: json, form, multipart, text; "" for json, form or multipart.
  std::string body;
  std::optional<SignatureRule> signature;
  std::optional<std::string> idempotency_header;  ///< lower case
  std::optional<std::string> idempotency_field;   ///< a top-level field of a JSON body
  std::optional<int> rate_limit_per_minute;
};

/// The config, with defaults filled in; problems point into `/config`.
Result<WebhookConfig> parse_webhook_config(const json::value& config, Problems& problems);

/// Whether `signed_value` (the signature header's value) signs `body` under `secret`.
/// unauthenticated with the reason otherwise (never which byte differed).
Status verify_signature(const SignatureRule& rule, std::string_view signed_value,
                        std::string_view body, std::string_view secret, store::Time now);

/// The value of the header a signature rule signs in `scheme`'s format (for
/// tests and for the editor's curl snippet).
std::string sign(const SignatureRule& rule, std::string_view body, std::string_view secret,
                 store::Time now);

/// A form trigger's config: `{"title", "description", "expires_at",
/// "max_submissions", "success_message"}`.
struct FormConfig {
  std::string title;
  std::string description;
  std::optional<store::Time> expires_at;
  std::optional<std::int64_t> max_submissions;
  std::string success_message;
};
Result<FormConfig> parse_form_config(const json::value& config, Problems& problems);

}  // namespace weft::triggers
