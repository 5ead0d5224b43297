// /healthz, /metrics, /api/openapi.json, /api/node-types.
#include "api/handlers/support.hpp"

namespace weft::api {

void add_system_routes(Router& router, ApiContext& context) {
  ApiContext* ctx = &context;
  router.add("GET", "/healthz", sync_handler([ctx](Request&) {
               return Response::json(
                   200, json::object{{"status", "ok"}, {"runs_in_flight", ctx->runs.in_flight()}});
             }));
  router.add("GET", "/metrics", sync_handler([ctx](Request&) {
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
  add_execution_routes(router, context);
  add_system_routes(router, context);
}

}  // namespace weft::api
