#include "auth/credential_kinds.hpp"

#include <cstdlib>
#include <iostream>

namespace weft::auth {

namespace {

constexpr std::int64_t kMaxValueChars = 16 * 1024;

json::object text(std::string_view title, bool secret = false) {
  // No NUL: no header, token or password carries one, and the validator
  // counts a string's length only up to it ("\u0000abc" would pass as empty).
  json::object field{{"type", "string"},
                     {"title", title},
                     {"maxLength", kMaxValueChars},
                     {"pattern", "^[^\\u0000]*$"}};
  if (secret) {
    field["x-weft-secret"] = true;
  }
  return field;
}

json::object required_text(std::string_view title, bool secret = false) {
  json::object field = text(title, secret);
  field["minLength"] = 1;
  return field;
}

json::value object_schema(json::object properties, json::array required) {
  return json::object{{"type", "object"},
                      {"properties", std::move(properties)},
                      {"required", std::move(required)},
                      {"additionalProperties", false}};
}

std::vector<std::pair<std::string_view, json::value>> schemas() {
  return {
      {"api_key", object_schema({{"key", required_text("API key", true)},
                                 {"header", text("Header name (default: Authorization)")}},
                                {"key"})},
      {"bearer", object_schema({{"token", required_text("Token", true)}}, {"token"})},
      {"basic", object_schema({{"username", required_text("User name")},
                               {"password", required_text("Password", true)}},
                              {"username", "password"})},
      {"headers", object_schema({{"headers",
                                  {{"type", "object"},
                                   {"title", "Headers"},
                                   {"minProperties", 1},
                                   {"additionalProperties", text("Value", true)},
                                   {"x-weft-secret", true}}}},
                                {"headers"})},
      {"oauth2", object_schema({{"access_token", required_text("Access token", true)},
                                {"refresh_token", text("Refresh token", true)},
                                {"token_type", text("Token type")},
                                {"expires_at", text("Expires at (ISO 8601)")},
                                {"client_id", text("Client id")},
                                {"client_secret", text("Client secret", true)},
                                {"token_url", text("Token URL")}},
                               {"access_token"})},
      {"smtp",
       object_schema(
           {{"host", required_text("Host")},
            {"port", {{"type", "integer"}, {"title", "Port"}, {"minimum", 1}, {"maximum", 65535}}},
            {"username", text("User name")},
            {"password", text("Password", true)},
            {"security",
             {{"type", "string"}, {"title", "Security"}, {"enum", {"none", "starttls", "tls"}}}}},
           {"host", "port", "security"})},
      // The shared secret a webhook's sender signs its deliveries with.
      {"webhook_secret", object_schema({{"secret", required_text("Signing secret", true)}},
                                       {"secret"})},
  };
}

std::string_view title_of(std::string_view name) {
  constexpr std::pair<std::string_view, std::string_view> kTitles[] = {
      {"api_key", "API key"},        {"bearer", "Bearer token"},     {"basic", "Basic auth"},
      {"headers", "Custom headers"}, {"oauth2", "OAuth2 token set"}, {"smtp", "SMTP server"},
      {"webhook_secret", "Webhook signing secret"},
  };
  for (const auto& [known, title] : kTitles) {
    if (known == name) {
      return title;
    }
  }
  return name;
}

}  // namespace

CredentialKinds::CredentialKinds() {
  for (auto& [name, schema] : schemas()) {
    auto compiled = JsonSchema::compile(schema);
    if (!compiled) {
      // Our own schemas: a failure here is a bug in this file.
      std::cerr << "weft: credential kind " << name << ": " << compiled.error().message << "\n";
      std::abort();
    }
    kinds_.push_back(
        {std::string(name), std::string(title_of(name)), std::move(schema), std::move(*compiled)});
  }
}

const CredentialKind* CredentialKinds::find(std::string_view name) const {
  for (const auto& kind : kinds_) {
    if (kind.name == name) {
      return &kind;
    }
  }
  return nullptr;
}

Problems CredentialKinds::validate(const CredentialKind& kind, const json::value& data) const {
  return kind.compiled.validate(data, "/data");
}

}  // namespace weft::auth
