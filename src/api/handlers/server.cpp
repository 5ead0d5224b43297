// /api/server/providers and /api/server/settings: what belongs to the server
// rather than to a workspace. The auth gate lets only server admins here.
#include "api/handlers/support.hpp"
#include "api/provider_directory.hpp"
#include "api/server_settings.hpp"

namespace weft::api {
namespace {

/// Every server provider in full (never a key), and where it comes from.
Response list_server_providers(ApiContext& ctx) {
  const auto settings = ctx.providers->server_settings();
  json::array items;
  for (const auto& config : ctx.providers->server_configs()) {
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

Response put_server_providers(ApiContext& ctx, Request& request) {
  auto body = body_object(request, ctx.limits, false);
  if (!body) {
    return Response::from_error(body.error());
  }
  auto settings = parse_provider_settings(*body);
  if (!settings) {
    return Response::from_error(settings.error());
  }
  // The server admin's own workspace holds the credentials they name.
  if (auto saved = ctx.providers->put_server(std::move(*settings), workspace_of(request)); !saved) {
    return Response::from_error(saved.error());
  }
  return list_server_providers(ctx);
}

Response put_server_settings(ApiContext& ctx, Request& request) {
  auto body = body_object(request, ctx.limits, false);
  if (!body) {
    return Response::from_error(body.error());
  }
  if (auto saved = ctx.server_settings->put(*body); !saved) {
    return Response::from_error(saved.error());
  }
  return Response::json(200, ctx.server_settings->to_json());
}

/// 503 unless the server has what the route needs.
Handler server_route(ApiContext& context, std::function<Response(ApiContext&, Request&)> f) {
  return with_auth_sync(context, [f = std::move(f)](ApiContext& ctx, Request& r) {
    if (ctx.providers == nullptr || ctx.server_settings == nullptr) {
      return Response::from_error(
          Error::make(ErrorCode::unavailable, "server settings are not served here"));
    }
    return f(ctx, r);
  });
}

}  // namespace

void add_server_routes(Router& router, ApiContext& context) {
  router.add("GET", "/api/server/providers", server_route(context, [](ApiContext& ctx, Request&) {
               return list_server_providers(ctx);
             }));
  router.add("PUT", "/api/server/providers", server_route(context, put_server_providers));
  router.add("GET", "/api/server/settings", server_route(context, [](ApiContext& ctx, Request&) {
               return Response::json(200, ctx.server_settings->to_json());
             }));
  router.add("PUT", "/api/server/settings", server_route(context, put_server_settings));
}

}  // namespace weft::api
