#pragma once
// LLM providers configured through the API, on top of those the environment
// gives (OLLAMA_HOST, OPENAI_BASE_URL/OPENAI_API_KEY). Two levels (DESIGN §10):
// server providers, kept in the server setting `llm.providers` and changed by
// server admins only; and each workspace's own providers, kept in that
// workspace's settings and changed by its owners and admins. An API key is
// never stored here, only the id of a credential in a vault: a workspace
// provider's in its own workspace, a server provider's in the workspace of
// the server admin who saved it (taken from their session, never from a body).

#include <string>
#include <vector>

#include "auth/auth.hpp"
#include "llm/provider.hpp"

namespace weft::api {

inline constexpr std::string_view kProvidersSetting = "llm.providers";

struct ProviderSetting {
  std::string name;
  std::string kind;  ///< "ollama", or an OpenAI-compatible kind ("openai", "vllm", …)
  std::string base_url;
  std::string credential;  ///< "" for none
  /// Server providers only: the workspace whose vault holds `credential`.
  std::string credential_workspace;
};

/// A PUT body `{"items": [...]}`, strictly: a field this form does not know
/// (`workspace`, `owner`, …), at the top or in an item, is refused with its
/// pointer, so a body can never name another workspace.
Result<std::vector<ProviderSetting>> parse_provider_settings(const json::object& body);
/// The stored form (server providers carry `workspace`, their vault's).
Result<std::vector<ProviderSetting>> read_stored_providers(const json::value& items);
json::array to_stored_json(const std::vector<ProviderSetting>& settings);

/// The config `setting` makes, its API key opened from the vault of
/// `vault_workspace`; an error names `/items/<index>/credential`.
Result<llm::ProviderConfig> open_provider(const ProviderSetting& setting,
                                          std::string_view vault_workspace, std::size_t index,
                                          auth::Auth& auth);

}  // namespace weft::api
