#include "llm/provider.hpp"

#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>

#include "integrations/http_client.hpp"

namespace weft::llm {

std::shared_ptr<Provider> make_ollama(ProviderConfig config,
                                      std::shared_ptr<integrations::HttpClient> http);
std::shared_ptr<Provider> make_openai_compatible(ProviderConfig config,
                                                 std::shared_ptr<integrations::HttpClient> http);

namespace {

/// The base URL without a trailing slash, `/v1` added to a bare
/// OpenAI-compatible origin; an error when it is no http(s) URL.
Result<std::string> normalize_base_url(const ProviderConfig& config) {
  auto parsed = boost::urls::parse_absolute_uri(config.base_url);
  if (!parsed || (parsed->scheme() != "http" && parsed->scheme() != "https") ||
      parsed->host().empty()) {
    return Error::make(ErrorCode::invalid_argument, "LLM provider `" + config.name + "`: `" +
                                                        config.base_url +
                                                        "` is not an http:// or https:// URL");
  }
  if (parsed->has_query() || parsed->has_fragment()) {
    return Error::make(ErrorCode::invalid_argument, "LLM provider `" + config.name + "`: `" +
                                                        config.base_url +
                                                        "` must not have a query or fragment");
  }
  std::string url(parsed->buffer());
  while (!url.empty() && url.back() == '/') {
    url.pop_back();
  }
  const bool bare_origin = parsed->path().empty() || parsed->path() == "/";
  if (config.kind == ProviderKind::openai_compatible && bare_origin) {
    url += "/v1";
  }
  return url;
}

}  // namespace

ProviderKind provider_kind(std::string_view kind) {
  return kind == "ollama" ? ProviderKind::ollama : ProviderKind::openai_compatible;
}

std::string_view to_string(ProviderKind kind) {
  return kind == ProviderKind::ollama ? "ollama" : "openai";
}

std::string describe(const ProviderConfig& config) {
  if (config.kind == ProviderKind::ollama && (config.name == "ollama" || config.name.empty())) {
    return "Ollama at " + config.base_url;
  }
  const std::string kind = config.kind == ProviderKind::ollama ? "Ollama" : "OpenAI-compatible";
  return "`" + config.name + "` (" + kind + ") at " + config.base_url;
}

Result<std::shared_ptr<Provider>> make_provider(ProviderConfig config,
                                                std::shared_ptr<integrations::HttpClient> http) {
  auto url = normalize_base_url(config);
  if (!url) {
    return std::move(url).error();
  }
  config.base_url = std::move(*url);
  if (config.kind == ProviderKind::ollama) {
    return make_ollama(std::move(config), std::move(http));
  }
  return make_openai_compatible(std::move(config), std::move(http));
}

}  // namespace weft::llm
