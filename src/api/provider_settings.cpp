#include "api/provider_settings.hpp"

#include <algorithm>
#include <array>
#include <boost/url/parse.hpp>

#include "common/text.hpp"

namespace weft::api {
namespace {

constexpr std::array<std::string_view, 4> kFields = {"name", "kind", "base_url", "credential"};
constexpr std::array<std::string_view, 2> kKinds = {"ollama", "openai"};

Error bad(std::string message, std::string pointer) {
  Error error = Error::make(ErrorCode::invalid_argument, std::move(message));
  error.pointer = std::move(pointer);
  return error;
}

std::string text(const json::object& item, std::string_view field) {
  const auto* value = item.if_contains(field);
  return value != nullptr && value->is_string() ? std::string(value->get_string()) : "";
}

bool valid_name(std::string_view name) {
  return !name.empty() && name.size() <= 64 && std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
  });
}

/// Each field, when present, is a string.
Status check_fields(const json::object& item, const std::string& at) {
  for (const auto& [key, value] : item) {
    if (std::find(kFields.begin(), kFields.end(), key) == kFields.end()) {
      return bad("`" + std::string(key) +
                     "` is not a provider field (name, kind, base_url, credential); the "
                     "workspace is always the caller's",
                 pointer_join(at, key));
    }
    if (!value.is_string()) {
      return bad("`" + std::string(key) + "` is text", pointer_join(at, key));
    }
  }
  return Ok{};
}

Status check_setting(const ProviderSetting& setting, const std::string& at) {
  if (!valid_name(setting.name)) {
    return bad("`name` is 1 to 64 letters, digits, `-` or `_`", at + "/name");
  }
  if (std::find(kKinds.begin(), kKinds.end(), setting.kind) == kKinds.end()) {
    return bad("`kind` is `ollama` or `openai` (any OpenAI-compatible server)", at + "/kind");
  }
  if (setting.base_url.size() > 2048 ||
      (!setting.base_url.starts_with("http://") && !setting.base_url.starts_with("https://"))) {
    return bad("`base_url` is an http:// or https:// address", at + "/base_url");
  }
  if (auto url = boost::urls::parse_uri(setting.base_url);
      url && url->has_port() && (url->port_number() == 0 || url->port().size() > 5)) {
    return bad("`base_url` has a port outside 1-65535", at + "/base_url");
  }
  if (utf8_length(setting.credential) > 128) {
    return bad("`credential` is the id of a credential", at + "/credential");
  }
  return Ok{};
}

Result<std::vector<ProviderSetting>> read_items(const json::value& items, bool stored) {
  constexpr std::size_t kMaxProviders = 64;
  if (!items.is_array()) {
    return bad("`items` is a list of providers", "/items");
  }
  if (items.get_array().size() > kMaxProviders) {
    return bad("at most 64 providers", "/items");
  }
  std::vector<ProviderSetting> out;
  for (std::size_t i = 0; i < items.get_array().size(); ++i) {
    const auto& raw = items.get_array()[i];
    const std::string at = pointer_join("/items", i);
    if (!raw.is_object()) {
      return bad("a provider is an object {name, kind, base_url, credential}", at);
    }
    const auto& item = raw.get_object();
    if (!stored) {
      if (auto checked = check_fields(item, at); !checked) {
        return std::move(checked).error();
      }
    }
    ProviderSetting setting{text(item, "name"), text(item, "kind"), text(item, "base_url"),
                            text(item, "credential"), stored ? text(item, "workspace") : ""};
    if (auto checked = check_setting(setting, at); !checked) {
      return std::move(checked).error();
    }
    if (std::any_of(out.begin(), out.end(), [&](auto& s) { return s.name == setting.name; })) {
      // Well-formed, but the list does not hold together: 422.
      Error error =
          Error::make(ErrorCode::invalid_input, "two providers are named `" + setting.name + "`");
      error.pointer = at + "/name";
      return error;
    }
    out.push_back(std::move(setting));
  }
  return out;
}

}  // namespace

Result<std::vector<ProviderSetting>> parse_provider_settings(const json::object& body) {
  for (const auto& [key, value] : body) {
    if (key != "items") {
      return bad("`" + std::string(key) +
                     "` is not a field of this form (items); the workspace is always the caller's",
                 pointer_join("", key));
    }
  }
  const auto* items = body.if_contains("items");
  return read_items(items != nullptr ? *items : json::value(nullptr), false);
}

Result<std::vector<ProviderSetting>> read_stored_providers(const json::value& items) {
  return read_items(items, true);
}

json::array to_stored_json(const std::vector<ProviderSetting>& settings) {
  json::array out;
  for (const auto& s : settings) {
    json::object item{
        {"name", s.name}, {"kind", s.kind}, {"base_url", s.base_url}, {"credential", s.credential}};
    if (!s.credential_workspace.empty()) {
      item["workspace"] = s.credential_workspace;
    }
    out.push_back(std::move(item));
  }
  return out;
}

Result<llm::ProviderConfig> open_provider(const ProviderSetting& setting,
                                          std::string_view vault_workspace, std::size_t index,
                                          auth::Auth& auth) {
  llm::ProviderConfig config;
  config.name = setting.name;
  config.kind = llm::provider_kind(setting.kind);
  config.base_url = setting.base_url;
  if (setting.credential.empty()) {
    return config;
  }
  auto opened = auth.credentials().resolve(vault_workspace, setting.credential);
  if (!opened) {
    // A well-formed body naming a credential that is not there (or cannot be
    // opened): 422, like any reference that does not resolve.
    const bool missing = opened.error().code == ErrorCode::not_found;
    Error error =
        Error::make(ErrorCode::invalid_input,
                    "provider `" + setting.name + "`: " +
                        (missing ? "no credential `" + setting.credential + "` in this workspace"
                                 : opened.error().message));
    error.pointer = pointer_join(pointer_join("/items", index), "credential");
    return error;
  }
  config.key_source = "the credential `" + setting.credential + "`";
  for (const char* field : {"key", "token", "access_token"}) {
    if (const auto* value = opened->data.if_contains(field); value && value->is_string()) {
      config.api_key = std::string(value->get_string());
    }
  }
  return config;
}

}  // namespace weft::api
