#pragma once
// The LLM providers of `weft serve`, on two levels (DESIGN §10): the server's
// (environment, then what server admins saved) and each workspace's own. A
// block resolves a name in its run's workspace first, then on the server.
//
// Workspace providers are built on first use from the workspace's settings,
// their keys opened from that same workspace's vault, and kept until the
// workspace changes its providers or credentials (forget). Their base URLs
// pass the address guard like http_request; only server providers may reach
// loopback or private addresses.
//
// Thread safety: the server registry is safe on its own (see
// ProviderRegistry); `mutex_` guards the workspace cache and its generation.

#include <map>
#include <memory>
#include <mutex>

#include "api/provider_settings.hpp"
#include "integrations/address_guard.hpp"
#include "llm/provider_registry.hpp"
#include "store/store.hpp"

namespace weft::api {

/// A workspace's providers as built, with the settings that failed to open.
struct WorkspaceProviders {
  std::shared_ptr<const llm::ProviderRegistry> registry;
  std::vector<ProviderSetting> settings;
  std::map<std::string, std::string, std::less<>> problems;  ///< by provider name
};

class ProviderDirectory final : public llm::ProviderSource {
 public:
  ProviderDirectory(store::Store& store, auth::Auth& auth, integrations::AddressGuard guard);

  /// The environment's providers plus the stored server settings (at start).
  /// On error the environment's alone are in use.
  Status load_server();
  /// The server providers in use, API keys included (callers must redact).
  std::vector<llm::ProviderConfig> server_configs() const { return server_.configs(); }
  /// The server providers server admins saved.
  std::vector<ProviderSetting> server_settings() const;
  /// Replaces the saved server providers; credentials come from `vault_workspace`.
  Status put_server(std::vector<ProviderSetting> settings, std::string_view vault_workspace);

  /// `workspace`'s own providers.
  Result<WorkspaceProviders> workspace(std::string_view workspace) const;
  /// Replaces `workspace`'s providers after checking each credential is the
  /// workspace's and each literal address passes the guard.
  Status put_workspace(std::string_view workspace, std::vector<ProviderSetting> settings);
  /// Drops what was built for `workspace` (its credentials changed).
  void forget(std::string_view workspace);

  std::shared_ptr<llm::Provider> resolve(std::string_view workspace,
                                         std::string_view name) const override;
  std::vector<std::string> visible_names(std::string_view workspace) const override;

 private:
  Result<WorkspaceProviders> build(std::string_view workspace,
                                   std::vector<ProviderSetting> settings) const;
  Result<WorkspaceProviders> load(std::string_view workspace) const;

  store::Store& store_;
  auth::Auth& auth_;
  const integrations::AddressGuard guard_;
  llm::ProviderRegistry server_;
  mutable std::mutex mutex_;  ///< guards cache_ and generation_
  mutable std::map<std::string, std::shared_ptr<const WorkspaceProviders>, std::less<>> cache_;
  /// Bumped by every change; a load that began before one is not cached.
  mutable std::uint64_t generation_ = 0;
};

}  // namespace weft::api
