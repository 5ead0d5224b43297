#include "llm/provider_registry.hpp"

#include <algorithm>
#include <boost/url/ipv4_address.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>
#include <cctype>
#include <cstdlib>
#include <set>

#include "integrations/http_client.hpp"

namespace weft::llm {
namespace {

constexpr std::string_view kOllamaPort = "11434";
constexpr std::string_view kOpenAiUrl = "https://api.openai.com/v1";

std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? std::string() : std::string(value);
}

bool is_provider_name(std::string_view name) {
  return !name.empty() && name.size() <= 64 && std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
  });
}

/// The host of a provider's URL as the address guard takes it.
Result<std::string> host_of(const ProviderConfig& config) {
  auto parsed = boost::urls::parse_absolute_uri(config.base_url);
  if (!parsed || parsed->encoded_host().empty()) {
    return Error::make(ErrorCode::invalid_argument, "LLM provider `" + config.name + "`: `" +
                                                        config.base_url +
                                                        "` is not an http:// or https:// URL");
  }
  return std::string(parsed->encoded_host());
}

}  // namespace

std::string ollama_url(std::string_view host) {
  std::string url(host);
  while (!url.empty() && url.back() == '/') {
    url.pop_back();
  }
  if (url.empty()) {
    return std::string(kDefaultOllamaUrl);
  }
  if (url.find("://") == std::string::npos) {
    url = "http://" + url;
  }
  auto parsed = boost::urls::parse_absolute_uri(url);
  if (!parsed) {
    return url;  // make_provider reports it
  }
  boost::urls::url out(*parsed);
  // 0.0.0.0 is where a server listens, not where a client connects.
  if (out.encoded_host() == "0.0.0.0" || out.encoded_host() == "[::]") {
    out.set_host_ipv4(boost::urls::ipv4_address::loopback());
  }
  if (!out.has_port() && out.scheme() == "http") {
    out.set_port(kOllamaPort);
  }
  return std::string(out.buffer());
}

std::vector<ProviderConfig> configs_from_env() {
  std::vector<ProviderConfig> configs;
  configs.push_back({.name = std::string(kDefaultProvider),
                     .kind = ProviderKind::ollama,
                     .base_url = ollama_url(env("OLLAMA_HOST"))});
  const std::string base = env("OPENAI_BASE_URL");
  const std::string key = env("OPENAI_API_KEY");
  if (!base.empty() || !key.empty()) {
    configs.push_back({.name = "openai",
                       .kind = ProviderKind::openai_compatible,
                       .base_url = base.empty() ? std::string(kOpenAiUrl) : base,
                       .api_key = key,
                       .key_source = "OPENAI_API_KEY"});
  }
  return configs;
}

ProviderRegistry::ProviderRegistry(integrations::AddressGuard base_guard, ProviderTrust trust)
    : base_guard_(std::move(base_guard)),
      trust_(trust),
      snapshot_(std::make_shared<const Snapshot>()) {}

Result<std::shared_ptr<const ProviderRegistry::Snapshot>> ProviderRegistry::build(
    std::vector<ProviderConfig> configs) const {
  // Providers get an HTTP client of their own whose guard is the base guard
  // plus each provider's host: the default Ollama on 127.0.0.1 (or a model
  // server on the LAN) must be reachable, yet admitting those addresses in
  // the shared guard would let any pipeline's http_request reach them too.
  // The provider client only ever calls configured base URLs (model names
  // travel in request bodies) and follows no redirects, so what it admits
  // stays with the providers.
  integrations::AddressGuard guard = base_guard_;
  std::set<std::string, std::less<>> names;
  for (const auto& config : configs) {
    if (!is_provider_name(config.name)) {
      return Error::make(
          ErrorCode::invalid_argument,
          "LLM provider name `" + config.name + "` must be 1–64 letters, digits, `_` or `-`");
    }
    if (!names.insert(config.name).second) {
      return Error::make(ErrorCode::invalid_argument,
                         "two LLM providers are named `" + config.name + "`");
    }
    auto host = host_of(config);
    if (!host) {
      return std::move(host).error();
    }
    if (trust_ == ProviderTrust::guarded) {
      continue;
    }
    if (Status allowed = guard.allow(*host); !allowed) {
      return std::move(allowed).error();
    }
  }
  std::shared_ptr<integrations::HttpClient> http = integrations::make_http_client(guard);
  auto snapshot = std::make_shared<Snapshot>();
  for (auto& config : configs) {
    std::string name = config.name;
    auto provider = make_provider(std::move(config), http);
    if (!provider) {
      return std::move(provider).error();
    }
    snapshot->providers.emplace(std::move(name), std::move(*provider));
  }
  return std::shared_ptr<const Snapshot>(std::move(snapshot));
}

Status ProviderRegistry::replace(std::vector<ProviderConfig> configs) {
  std::lock_guard lock(write_mutex_);
  auto built = build(std::move(configs));
  if (!built) {
    return std::move(built).error();
  }
  snapshot_.store(std::move(*built));
  return Ok{};
}

Status ProviderRegistry::put(ProviderConfig config) {
  std::lock_guard lock(write_mutex_);
  std::vector<ProviderConfig> configs;
  for (const auto& [name, provider] : snapshot_.load()->providers) {
    if (name != config.name) {
      configs.push_back(provider->config());
    }
  }
  configs.push_back(std::move(config));
  auto built = build(std::move(configs));
  if (!built) {
    return std::move(built).error();
  }
  snapshot_.store(std::move(*built));
  return Ok{};
}

bool ProviderRegistry::remove(std::string_view name) {
  std::lock_guard lock(write_mutex_);
  std::vector<ProviderConfig> configs;
  bool found = false;
  for (const auto& [key, provider] : snapshot_.load()->providers) {
    if (key == name) {
      found = true;
    } else {
      configs.push_back(provider->config());
    }
  }
  if (!found) {
    return false;
  }
  auto built = build(std::move(configs));
  if (built) {
    snapshot_.store(std::move(*built));
  }
  return built.ok();
}

std::shared_ptr<Provider> ProviderRegistry::find(std::string_view name) const {
  const auto snapshot = snapshot_.load();
  auto it = snapshot->providers.find(name);
  return it == snapshot->providers.end() ? nullptr : it->second;
}

std::shared_ptr<Provider> ProviderRegistry::resolve(std::string_view /*workspace*/,
                                                    std::string_view name) const {
  return find(name);
}

std::vector<std::string> ProviderRegistry::visible_names(std::string_view /*workspace*/) const {
  return names();
}

std::vector<ProviderConfig> ProviderRegistry::configs() const {
  std::vector<ProviderConfig> out;
  for (const auto& [name, provider] : snapshot_.load()->providers) {
    out.push_back(provider->config());
  }
  return out;
}

std::vector<std::string> ProviderRegistry::names() const {
  std::vector<std::string> out;
  for (const auto& [name, provider] : snapshot_.load()->providers) {
    out.push_back(name);
  }
  return out;
}

}  // namespace weft::llm
