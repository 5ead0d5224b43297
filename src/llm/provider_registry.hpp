#pragma once
// The named LLM providers a server or `weft run` knows: `ollama` always (from
// OLLAMA_HOST, default http://127.0.0.1:11434), `openai` when OPENAI_BASE_URL
// or OPENAI_API_KEY is set, and whatever the settings API adds at run time.
// Built in app/ and passed down to nodes through the engine (no globals).
//
// Thread safety: readers (nodes on any io thread) take an immutable snapshot
// through an atomic shared_ptr, so replacing the set never blocks or races a
// call in flight; the call keeps the provider (and its HTTP client) it
// started with alive until it ends. Writers serialize on `write_mutex_`.

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "integrations/address_guard.hpp"
#include "llm/provider.hpp"
#include "llm/provider_source.hpp"

namespace weft::llm {

constexpr std::string_view kDefaultProvider = "ollama";
constexpr std::string_view kDefaultOllamaUrl = "http://127.0.0.1:11434";

/// The providers the environment describes: `ollama` from OLLAMA_HOST (any
/// of Ollama's own spellings: "host", "host:port", "http://host:port";
/// 0.0.0.0 means this machine), `openai` from OPENAI_BASE_URL (default
/// https://api.openai.com/v1) and OPENAI_API_KEY when either is set.
std::vector<ProviderConfig> configs_from_env();

/// OLLAMA_HOST as a base URL: scheme http and port 11434 unless given.
std::string ollama_url(std::string_view host);

/// Whether a registry's providers may reach addresses the guard refuses.
enum class ProviderTrust {
  /// Set by the operator (environment, server admins): each provider's own
  /// host is admitted on top of the guard (Ollama on 127.0.0.1, a LAN server).
  operator_set,
  /// Set by a workspace: every address passes the guard like http_request.
  guarded,
};

class ProviderRegistry final : public ProviderSource {
 public:
  /// `base_guard` is the address guard the rest of Weft uses; the providers'
  /// own HTTP client admits each configured provider's host on top of it
  /// unless `trust` is `guarded`.
  explicit ProviderRegistry(integrations::AddressGuard base_guard,
                            ProviderTrust trust = ProviderTrust::operator_set);

  /// Replaces every provider at once; on error (a bad URL, a repeated name)
  /// nothing changes.
  Status replace(std::vector<ProviderConfig> configs);
  /// Adds a provider, or replaces the one with the same name.
  Status put(ProviderConfig config);
  /// Removes a provider; false when there was none of that name.
  bool remove(std::string_view name);

  /// The provider named `name`, or nullptr.
  std::shared_ptr<Provider> find(std::string_view name) const;
  /// Every provider's config, by name (API keys included: callers showing
  /// them must redact).
  std::vector<ProviderConfig> configs() const;
  std::vector<std::string> names() const;

  /// One level only: `workspace` is not looked at.
  std::shared_ptr<Provider> resolve(std::string_view workspace,
                                    std::string_view name) const override;
  std::vector<std::string> visible_names(std::string_view workspace) const override;

 private:
  struct Snapshot {
    std::map<std::string, std::shared_ptr<Provider>, std::less<>> providers;
  };
  Result<std::shared_ptr<const Snapshot>> build(std::vector<ProviderConfig> configs) const;

  const integrations::AddressGuard base_guard_;
  const ProviderTrust trust_;
  std::mutex write_mutex_;  ///< serializes replace/put/remove; readers never take it
  std::atomic<std::shared_ptr<const Snapshot>> snapshot_;
};

}  // namespace weft::llm
