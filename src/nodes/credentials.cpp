#include "nodes/credentials.hpp"

#include <openssl/evp.h>

#include "nodes/node_type.hpp"

namespace weft::nodes {
namespace {

std::string text(const json::object& data, std::string_view field) {
  const auto* value = data.if_contains(field);
  return value != nullptr && value->is_string() ? std::string(value->get_string()) : "";
}

std::string base64(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3), '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(bytes.data()),
                                static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

}  // namespace

Result<integrations::Headers> credential_headers(const Credential& credential) {
  const auto& data = credential.data;
  if (credential.kind == "api_key") {
    const std::string header = text(data, "header");
    return integrations::Headers{{header.empty() ? "X-API-Key" : header, text(data, "key")}};
  }
  if (credential.kind == "bearer") {
    return integrations::Headers{{"Authorization", "Bearer " + text(data, "token")}};
  }
  if (credential.kind == "basic") {
    return integrations::Headers{{"Authorization", "Basic " + base64(text(data, "username") + ":" +
                                                                     text(data, "password"))}};
  }
  if (credential.kind == "oauth2") {
    const std::string type = text(data, "token_type");
    return integrations::Headers{
        {"Authorization", (type.empty() ? "Bearer" : type) + " " + text(data, "access_token")}};
  }
  if (credential.kind == "headers") {
    integrations::Headers out;
    if (const auto* headers = data.if_contains("headers"); headers && headers->is_object()) {
      for (const auto& [name, value] : headers->get_object()) {
        if (value.is_string()) {
          out.emplace_back(name, std::string(value.get_string()));
        }
      }
    }
    return out;
  }
  return node_error(ErrorCode::invalid_config,
                    "a credential of kind `" + credential.kind + "` cannot sign an HTTP request");
}

}  // namespace weft::nodes
