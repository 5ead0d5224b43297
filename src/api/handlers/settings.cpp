// GET/PUT /api/settings/providers and the live model list of each provider.
#include "api/handlers/support.hpp"
#include "api/provider_settings.hpp"

namespace weft::api {
namespace {

namespace asio = boost::asio;

std::vector<ProviderSetting> stored_settings(ApiContext& ctx) {
  auto stored = ctx.store.get_setting(kProvidersSetting);
  if (!stored || !*stored) {
    return {};
  }
  auto parsed = parse_provider_settings(**stored, "");
  return parsed ? std::move(*parsed) : std::vector<ProviderSetting>{};
}

/// Every provider in use, where it comes from, and whether it has a key (never the key).
Response list_providers(ApiContext& ctx) {
  const auto settings = stored_settings(ctx);
  json::array items;
  for (const auto& config : ctx.providers->configs()) {
    const auto setting = std::find_if(settings.begin(), settings.end(),
                                      [&](const auto& s) { return s.name == config.name; });
    const bool from_settings = setting != settings.end();
    items.push_back(json::object{
        {"name", config.name},
        {"kind", from_settings ? setting->kind : std::string(llm::to_string(config.kind))},
        {"base_url", config.base_url},
        {"has_api_key", !config.api_key.empty()},
        {"credential", from_settings ? setting->credential : ""},
        {"source", from_settings ? "settings" : "environment"}});
  }
  return Response::json(200, json::object{{"items", std::move(items)}});
}

Response put_providers(ApiContext& ctx, Request& request) {
  auto body = body_object(request, ctx.limits, false);
  if (!body) {
    return Response::from_error(body.error());
  }
  const auto* items = body->if_contains("items");
  auto settings =
      parse_provider_settings(items ? *items : json::value(nullptr), workspace_of(request));
  if (!settings) {
    return Response::from_error(settings.error());
  }
  auto configs = provider_configs(*settings, *ctx.auth);
  if (!configs) {
    return Response::from_error(configs.error());
  }
  if (auto applied = ctx.providers->replace(std::move(*configs)); !applied) {
    return Response::from_error(applied.error());
  }
  if (auto saved = ctx.store.put_setting(kProvidersSetting, to_json(*settings)); !saved) {
    return Response::from_error(saved.error());
  }
  return list_providers(ctx);
}

asio::awaitable<Response> list_models(ApiContext& ctx, Request& request) {
  auto provider = ctx.providers->find(request.param("name"));
  if (!provider) {
    co_return Response::error(404, "not_found",
                              "no LLM provider named `" + std::string(request.param("name")) + "`");
  }
  auto models = co_await provider->list_models();
  if (!models) {
    co_return Response::from_error(models.error());
  }
  json::array items;
  for (const auto& model : *models) {
    items.push_back(json::object{{"id", model.id}, {"details", model.details}});
  }
  co_return Response::json(200, json::object{{"items", std::move(items)}});
}

}  // namespace

void add_settings_routes(Router& router, ApiContext& context) {
  auto needs_providers = [&context](auto f) {
    return with_auth(context, [f](ApiContext& ctx, Request& r) -> asio::awaitable<Response> {
      if (ctx.providers == nullptr) {
        co_return Response::error(503, "unavailable", "LLM providers are not served here");
      }
      co_return co_await f(ctx, r);
    });
  };
  router.add("GET", "/api/settings/providers",
             needs_providers([](ApiContext& ctx, Request&) -> asio::awaitable<Response> {
               co_return list_providers(ctx);
             }));
  router.add("PUT", "/api/settings/providers",
             needs_providers([](ApiContext& ctx, Request& r) -> asio::awaitable<Response> {
               co_return put_providers(ctx, r);
             }));
  router.add("GET", "/api/settings/providers/{name}/models", needs_providers(list_models));
}

}  // namespace weft::api
