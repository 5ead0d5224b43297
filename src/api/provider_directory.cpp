#include "api/provider_directory.hpp"

#include <algorithm>
#include <boost/url/parse.hpp>

namespace weft::api {
namespace {

/// More workspaces than this in the cache and it starts again (each is
/// rebuilt from the store on its next use).
constexpr std::size_t kMaxCachedWorkspaces = 4096;

/// A base URL whose host is an address (or `localhost`) is judged when saved,
/// so the user hears of a refused address at once; host names are judged at
/// each connection by the providers' HTTP client.
Status check_literal_host(const integrations::AddressGuard& guard, const ProviderSetting& setting,
                          std::size_t index) {
  auto url = boost::urls::parse_uri(setting.base_url);
  if (!url) {
    Error error = Error::make(ErrorCode::invalid_argument, "`base_url` is not a valid URL");
    error.pointer = pointer_join(pointer_join("/items", index), "base_url");
    return error;
  }
  std::string host(url->encoded_host());
  boost::asio::ip::address address;
  if (url->host_type() == boost::urls::host_type::ipv4) {
    address = boost::asio::ip::address_v4(url->host_ipv4_address().to_bytes());
  } else if (url->host_type() == boost::urls::host_type::ipv6) {
    address = boost::asio::ip::address_v6(url->host_ipv6_address().to_bytes());
  } else if (host == "localhost" || host.ends_with(".localhost")) {
    address = boost::asio::ip::address_v4::loopback();
  } else {
    return Ok{};
  }
  if (auto allowed = guard.check(host, address); !allowed) {
    Error error = std::move(allowed).error();
    error.message = "provider `" + setting.name + "`: " + error.message;
    error.pointer = pointer_join(pointer_join("/items", index), "base_url");
    return error;
  }
  return Ok{};
}

}  // namespace

ProviderDirectory::ProviderDirectory(store::Store& store, auth::Auth& auth,
                                     integrations::AddressGuard guard)
    : store_(store), auth_(auth), guard_(guard), server_(std::move(guard)) {}

std::vector<ProviderSetting> ProviderDirectory::server_settings() const {
  auto stored = store_.get_setting(kProvidersSetting);
  if (!stored || !*stored) {
    return {};
  }
  auto parsed = read_stored_providers(**stored);
  return parsed ? std::move(*parsed) : std::vector<ProviderSetting>{};
}

Status ProviderDirectory::load_server() {
  if (auto env = server_.replace(llm::configs_from_env()); !env) {
    return env;
  }
  auto stored = store_.get_setting(kProvidersSetting);
  if (!stored) {
    return std::move(stored).error();
  }
  if (!*stored) {
    return Ok{};
  }
  auto settings = read_stored_providers(**stored);
  if (!settings) {
    return std::move(settings).error();
  }
  std::vector<llm::ProviderConfig> configs = llm::configs_from_env();
  for (std::size_t i = 0; i < settings->size(); ++i) {
    const auto& setting = (*settings)[i];
    auto config = open_provider(setting, setting.credential_workspace, i, auth_);
    if (!config) {
      return std::move(config).error();
    }
    std::erase_if(configs, [&](const auto& c) { return c.name == config->name; });
    configs.push_back(std::move(*config));
  }
  return server_.replace(std::move(configs));
}

Status ProviderDirectory::put_server(std::vector<ProviderSetting> settings,
                                     std::string_view vault_workspace) {
  std::vector<llm::ProviderConfig> configs = llm::configs_from_env();
  for (std::size_t i = 0; i < settings.size(); ++i) {
    auto& setting = settings[i];
    setting.credential_workspace = setting.credential.empty() ? "" : std::string(vault_workspace);
    auto config = open_provider(setting, setting.credential_workspace, i, auth_);
    if (!config) {
      return std::move(config).error();
    }
    std::erase_if(configs, [&](const auto& c) { return c.name == config->name; });
    configs.push_back(std::move(*config));
  }
  if (auto applied = server_.replace(std::move(configs)); !applied) {
    return applied;
  }
  return store_.put_setting(kProvidersSetting, to_stored_json(settings));
}

Result<WorkspaceProviders> ProviderDirectory::build(std::string_view workspace,
                                                    std::vector<ProviderSetting> settings) const {
  WorkspaceProviders built;
  std::vector<llm::ProviderConfig> configs;
  for (std::size_t i = 0; i < settings.size(); ++i) {
    // The vault is always the workspace's own: a setting cannot name another.
    auto config = open_provider(settings[i], workspace, i, auth_);
    if (!config) {
      built.problems.emplace(settings[i].name, config.error().message);
      continue;
    }
    configs.push_back(std::move(*config));
  }
  auto registry = std::make_shared<llm::ProviderRegistry>(guard_, llm::ProviderTrust::guarded);
  if (auto replaced = registry->replace(std::move(configs)); !replaced) {
    return std::move(replaced).error();
  }
  built.registry = std::move(registry);
  built.settings = std::move(settings);
  return built;
}

Result<WorkspaceProviders> ProviderDirectory::load(std::string_view workspace) const {
  auto stored = store_.get_workspace_setting(workspace, kProvidersSetting);
  if (!stored) {
    return std::move(stored).error();
  }
  std::vector<ProviderSetting> settings;
  if (*stored) {
    auto parsed = read_stored_providers(**stored);
    if (!parsed) {
      return std::move(parsed).error();
    }
    settings = std::move(*parsed);
  }
  return build(workspace, std::move(settings));
}

Result<WorkspaceProviders> ProviderDirectory::workspace(std::string_view workspace) const {
  std::uint64_t generation = 0;
  {
    std::lock_guard lock(mutex_);
    if (auto it = cache_.find(workspace); it != cache_.end()) {
      return *it->second;
    }
    generation = generation_;
  }
  auto loaded = load(workspace);
  if (!loaded) {
    return loaded;
  }
  std::lock_guard lock(mutex_);
  if (generation == generation_) {
    if (cache_.size() >= kMaxCachedWorkspaces) {
      cache_.clear();
    }
    cache_.insert_or_assign(std::string(workspace),
                            std::make_shared<const WorkspaceProviders>(*loaded));
  }
  return loaded;
}

Status ProviderDirectory::put_workspace(std::string_view workspace,
                                        std::vector<ProviderSetting> settings) {
  for (std::size_t i = 0; i < settings.size(); ++i) {
    settings[i].credential_workspace.clear();
    if (auto checked = check_literal_host(guard_, settings[i], i); !checked) {
      return checked;
    }
    if (auto opened = open_provider(settings[i], workspace, i, auth_); !opened) {
      return std::move(opened).error();
    }
  }
  auto built = build(workspace, settings);
  if (!built) {
    return std::move(built).error();
  }
  if (auto saved =
          store_.put_workspace_setting(workspace, kProvidersSetting, to_stored_json(settings));
      !saved) {
    return saved;
  }
  std::lock_guard lock(mutex_);
  ++generation_;
  cache_.insert_or_assign(std::string(workspace),
                          std::make_shared<const WorkspaceProviders>(std::move(*built)));
  return Ok{};
}

void ProviderDirectory::forget(std::string_view workspace) {
  std::lock_guard lock(mutex_);
  ++generation_;
  if (auto it = cache_.find(workspace); it != cache_.end()) {
    cache_.erase(it);
  }
}

std::shared_ptr<llm::Provider> ProviderDirectory::resolve(std::string_view workspace,
                                                          std::string_view name) const {
  if (!workspace.empty()) {
    auto own = this->workspace(workspace);
    if (!own) {
      return nullptr;  // not the server's instead: the workspace may have its own of that name
    }
    if (auto provider = own->registry->find(name)) {
      return provider;
    }
    if (own->problems.contains(name)) {
      return nullptr;  // its own, broken: never fall back to the server's
    }
  }
  return server_.find(name);
}

std::vector<std::string> ProviderDirectory::visible_names(std::string_view workspace) const {
  std::vector<std::string> names;
  if (!workspace.empty()) {
    if (auto own = this->workspace(workspace); own && own->registry) {
      names = own->registry->names();
    }
  }
  for (auto& name : server_.names()) {
    if (std::find(names.begin(), names.end(), name) == names.end()) {
      names.push_back(std::move(name));
    }
  }
  return names;
}

}  // namespace weft::api
