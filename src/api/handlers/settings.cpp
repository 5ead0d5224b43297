// GET/PUT /api/settings/providers (the caller's workspace's LLM providers,
// plus the server's by name and kind) and the live model list of each;
// GET/PUT /api/settings/runs (the workspace's limit of runs at once).
#include "api/handlers/support.hpp"
#include "api/provider_directory.hpp"
#include "runs/run_service.hpp"
#include "runs/workspace_limit.hpp"

namespace weft::api {
namespace {

namespace asio = boost::asio;

/// The workspace's own providers in full (never a key), then the server's by
/// name and kind only: how they are reached is the operator's business.
Response list_providers(ApiContext& ctx, const Request& request) {
  auto own = ctx.providers->workspace(workspace_of(request));
  if (!own) {
    return Response::from_error(own.error());
  }
  json::array items;
  for (const auto& setting : own->settings) {
    const auto provider = own->registry->find(setting.name);
    json::object item{{"name", setting.name},
                      {"kind", setting.kind},
                      {"base_url", setting.base_url},
                      {"credential", setting.credential},
                      {"has_api_key", provider != nullptr && !provider->config().api_key.empty()},
                      {"source", "workspace"}};
    if (auto problem = own->problems.find(setting.name); problem != own->problems.end()) {
      item["problem"] = problem->second;
    }
    items.push_back(std::move(item));
  }
  for (const auto& config : ctx.providers->server_configs()) {
    items.push_back(json::object{
        {"name", config.name}, {"kind", llm::to_string(config.kind)}, {"source", "server"}});
  }
  return Response::json(200, json::object{{"items", std::move(items)}});
}

Response put_providers(ApiContext& ctx, Request& request) {
  auto body = body_object(request, ctx.limits, false);
  if (!body) {
    return Response::from_error(body.error());
  }
  auto settings = parse_provider_settings(*body);
  if (!settings) {
    return Response::from_error(settings.error());
  }
  if (auto saved = ctx.providers->put_workspace(workspace_of(request), std::move(*settings));
      !saved) {
    return Response::from_error(saved.error());
  }
  return list_providers(ctx, request);
}

asio::awaitable<Response> list_models(ApiContext& ctx, Request& request) {
  const std::string name(request.param("name"));
  auto provider = ctx.providers->resolve(workspace_of(request), name);
  if (!provider) {
    co_return Response::from_error(
        Error::make(ErrorCode::not_found, "no LLM provider named `" + name + "`"));
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

json::object runs_settings(std::optional<std::int64_t> limit) {
  return json::object{{"run_concurrency", limit ? json::value(*limit) : json::value(nullptr)}};
}

Response get_runs(ApiContext& ctx, const Request& request) {
  auto stored = ctx.store.get_workspace_setting(workspace_of(request), runs::kRunsSetting);
  if (!stored) {
    return Response::from_error(stored.error());
  }
  return Response::json(
      200, runs_settings(*stored ? runs::workspace_run_limit(**stored) : std::nullopt));
}

Response put_runs(ApiContext& ctx, Request& request) {
  auto body = body_object(request, ctx.limits, false);
  if (!body) {
    return Response::from_error(body.error());
  }
  for (const auto& [key, value] : *body) {
    if (key != "run_concurrency") {
      return Response::error(422, "invalid_input", "unknown setting `" + std::string(key) + "`",
                             {{"/" + std::string(key), "not a setting of runs"}});
    }
  }
  std::optional<std::int64_t> limit;
  if (const auto* value = body->if_contains("run_concurrency"); value && !value->is_null()) {
    const std::string range = "1 to " + std::to_string(runs::kMaxRunConcurrency);
    // A whole number, however written (`66.0` is one, as JSON Schema counts them).
    boost::system::error_code inexact;
    const auto n = value->is_number() ? value->to_number<std::int64_t>(inexact) : 0;
    if (!value->is_number() || inexact || n < 1 || n > runs::kMaxRunConcurrency) {
      return Response::error(422, "invalid_input",
                             "`run_concurrency` must be a whole number from " + range + " or null",
                             {{"/run_concurrency",
                               "must be a whole number from " + range + ", or null for no limit"}});
    }
    limit = n;
  }
  const auto workspace = workspace_of(request);
  if (auto saved =
          ctx.store.put_workspace_setting(workspace, runs::kRunsSetting, runs_settings(limit));
      !saved) {
    return Response::from_error(saved.error());
  }
  if (ctx.run_service != nullptr) {
    ctx.run_service->forget_workspace_limit(workspace);
  }
  return Response::json(200, runs_settings(limit));
}

Handler with_providers(ApiContext& context,
                       std::function<asio::awaitable<Response>(ApiContext&, Request&)> f) {
  return with_auth(
      context, [f = std::move(f)](ApiContext& ctx, Request& r) -> asio::awaitable<Response> {
        if (ctx.providers == nullptr) {
          co_return Response::from_error(
              Error::make(ErrorCode::unavailable, "LLM providers are not served here"));
        }
        co_return co_await f(ctx, r);
      });
}

}  // namespace

void add_settings_routes(Router& router, ApiContext& context) {
  router.add("GET", "/api/settings/providers",
             with_providers(context, [](ApiContext& ctx, Request& r) -> asio::awaitable<Response> {
               co_return list_providers(ctx, r);
             }));
  router.add("PUT", "/api/settings/providers",
             with_providers(context, [](ApiContext& ctx, Request& r) -> asio::awaitable<Response> {
               co_return put_providers(ctx, r);
             }));
  router.add("GET", "/api/settings/providers/{name}/models", with_providers(context, list_models));
  ApiContext* ctx = &context;
  router.add("GET", "/api/settings/runs",
             sync_handler([ctx](Request& r) { return get_runs(*ctx, r); }));
  router.add("PUT", "/api/settings/runs",
             sync_handler([ctx](Request& r) { return put_runs(*ctx, r); }));
}

}  // namespace weft::api
