#include "api/provider_settings.hpp"

#include <algorithm>

namespace weft::api {
namespace {

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

}  // namespace

Result<std::vector<ProviderSetting>> parse_provider_settings(const json::value& items,
                                                             std::string_view workspace) {
  if (!items.is_array()) {
    return bad("`items` is a list of providers", "/items");
  }
  std::vector<ProviderSetting> out;
  for (std::size_t i = 0; i < items.get_array().size(); ++i) {
    const auto& raw = items.get_array()[i];
    const std::string at = pointer_join("/items", i);
    if (!raw.is_object()) {
      return bad("a provider is an object {name, kind, base_url, credential}", at);
    }
    const auto& item = raw.get_object();
    ProviderSetting setting{
        text(item, "name"), text(item, "kind"), text(item, "base_url"), text(item, "credential"),
        item.contains("workspace") ? text(item, "workspace") : std::string(workspace)};
    if (!valid_name(setting.name)) {
      return bad("`name` is 1 to 64 letters, digits, `-` or `_`", at + "/name");
    }
    if (setting.kind.empty()) {
      return bad("`kind` is `ollama` or `openai` (any OpenAI-compatible server)", at + "/kind");
    }
    if (!setting.base_url.starts_with("http://") && !setting.base_url.starts_with("https://")) {
      return bad("`base_url` is an http:// or https:// address", at + "/base_url");
    }
    if (std::any_of(out.begin(), out.end(), [&](auto& s) { return s.name == setting.name; })) {
      return bad("two providers are named `" + setting.name + "`", at + "/name");
    }
    out.push_back(std::move(setting));
  }
  return out;
}

json::array to_json(const std::vector<ProviderSetting>& settings) {
  json::array out;
  for (const auto& s : settings) {
    out.push_back(json::object{{"name", s.name},
                               {"kind", s.kind},
                               {"base_url", s.base_url},
                               {"credential", s.credential},
                               {"workspace", s.workspace}});
  }
  return out;
}

Result<std::vector<llm::ProviderConfig>> provider_configs(
    const std::vector<ProviderSetting>& settings, auth::Auth& auth) {
  std::vector<llm::ProviderConfig> configs = llm::configs_from_env();
  for (std::size_t i = 0; i < settings.size(); ++i) {
    const auto& setting = settings[i];
    llm::ProviderConfig config;
    config.name = setting.name;
    config.kind = llm::provider_kind(setting.kind);
    config.base_url = setting.base_url;
    if (!setting.credential.empty()) {
      auto opened = auth.credentials().resolve(setting.workspace, setting.credential);
      if (!opened) {
        return bad("provider `" + setting.name + "`: " + opened.error().message,
                   pointer_join(pointer_join("/items", i), "credential"));
      }
      for (const char* field : {"key", "token", "access_token"}) {
        if (const auto* value = opened->data.if_contains(field); value && value->is_string()) {
          config.api_key = std::string(value->get_string());
        }
      }
    }
    std::erase_if(configs, [&](const auto& c) { return c.name == config.name; });
    configs.push_back(std::move(config));
  }
  return configs;
}

Status apply_stored_providers(store::Store& store, auth::Auth& auth,
                              llm::ProviderRegistry& registry) {
  auto stored = store.get_setting(kProvidersSetting);
  if (!stored || !*stored) {
    return stored ? Status(Ok{}) : Status(stored.error());
  }
  auto settings = parse_provider_settings(**stored, "");
  if (!settings) {
    return settings.error();
  }
  auto configs = provider_configs(*settings, auth);
  if (!configs) {
    return configs.error();
  }
  return registry.replace(std::move(*configs));
}

}  // namespace weft::api
