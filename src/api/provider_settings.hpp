#pragma once
// LLM providers configured through the settings API, on top of those the
// environment gives (OLLAMA_HOST, OPENAI_BASE_URL/OPENAI_API_KEY). Stored as
// the setting `llm.providers`; an API key is never stored there, only the id
// of a credential (bearer or api_key) in the vault of the workspace that
// saved it, opened when the providers are applied.

#include <vector>

#include "auth/auth.hpp"
#include "llm/provider_registry.hpp"
#include "store/store.hpp"

namespace weft::api {

inline constexpr std::string_view kProvidersSetting = "llm.providers";

struct ProviderSetting {
  std::string name;
  std::string kind;  ///< "ollama", or an OpenAI-compatible kind ("openai", "vllm", …)
  std::string base_url;
  std::string credential;  ///< "" for none
  std::string workspace;   ///< whose vault holds the credential
};

Result<std::vector<ProviderSetting>> parse_provider_settings(const json::value& items,
                                                             std::string_view workspace);
json::array to_json(const std::vector<ProviderSetting>& settings);

/// The environment's providers plus `settings` (a setting replaces the
/// environment's provider of the same name), API keys opened from the vault.
Result<std::vector<llm::ProviderConfig>> provider_configs(
    const std::vector<ProviderSetting>& settings, auth::Auth& auth);

/// Reads the stored settings and applies them to `registry` (at start).
Status apply_stored_providers(store::Store& store, auth::Auth& auth,
                              llm::ProviderRegistry& registry);

}  // namespace weft::api
