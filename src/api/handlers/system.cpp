// /healthz, /metrics, /api/openapi.json, /api/node-types.
#include "api/auth_gate.hpp"
#include "api/handlers/support.hpp"
#include "api/server_settings.hpp"
#include "auth/auth.hpp"

namespace weft::api {
namespace {

/// `/metrics` is for the operator's Prometheus (the metrics token) and for
/// server admins; no workspace member learns the server's load from it.
std::optional<Response> metrics_refusal(ApiContext& ctx, const Request& request) {
  const std::string_view token = bearer_token(request);
  if (ctx.server_settings != nullptr && ctx.server_settings->is_metrics_token(token)) {
    return std::nullopt;
  }
  if (ctx.auth == nullptr) {
    return std::nullopt;  // a server without accounts (tests of the HTTP layer alone)
  }
  if (token.empty()) {
    return unauthenticated(
        "send `Authorization: Bearer <metrics token>` (server settings) or sign in as a server "
        "admin");
  }
  auto caller = ctx.auth->accounts().authenticate_bearer(token, request.remote);
  if (!caller) {
    const bool ours =
        caller.error().code == ErrorCode::unavailable || caller.error().code == ErrorCode::internal;
    return ours ? Response::from_error(caller.error()) : unauthenticated(caller.error().message);
  }
  if (!caller->server_admin) {
    return Response::from_error(Error::make(
        ErrorCode::forbidden, "metrics are for server admins and the metrics token only"));
  }
  return std::nullopt;
}

}  // namespace

void add_system_routes(Router& router, ApiContext& context) {
  ApiContext* ctx = &context;
  router.add("GET", "/healthz", sync_handler([ctx](Request&) {
               return Response::json(
                   200, json::object{{"status", "ok"}, {"runs_in_flight", ctx->runs.in_flight()}});
             }));
  router.add("GET", "/metrics", sync_handler([ctx](Request& request) {
               if (auto refused = metrics_refusal(*ctx, request)) {
                 return std::move(*refused);
               }
               const auto counts =
                   ctx->server ? ctx->server->request_counts() : std::vector<Server::RouteCount>{};
               return Response::text(200, ctx->metrics.render(counts),
                                     "text/plain; version=0.0.4; charset=utf-8");
             }));
  router.add("GET", "/api/openapi.json", sync_handler([](Request&) {
               static const json::value document = openapi_document();
               return Response::json(200, document);
             }));
  router.add("GET", "/api/node-types", sync_handler([ctx](Request&) {
               static const json::array catalogue = ctx->registry.catalogue();
               return Response::json(200, json::object{{"items", catalogue}});
             }));
}

void add_routes(Router& router, ApiContext& context) {
  add_pipeline_routes(router, context);
  add_run_routes(router, context);
  add_test_run_routes(router, context);
  add_live_routes(router, context);
  add_account_routes(router, context);
  add_member_routes(router, context);
  add_api_key_routes(router, context);
  add_credential_routes(router, context);
  add_settings_routes(router, context);
  add_server_routes(router, context);
  add_execution_routes(router, context);
  add_queue_routes(router, context);
  add_trigger_routes(router, context);
  add_webhook_routes(router, context);
  add_form_routes(router, context);
  add_system_routes(router, context);
  add_file_routes(router, context);
}

}  // namespace weft::api
