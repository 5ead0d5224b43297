// API keys of the caller's workspace: the key is in the creation answer, once.
#include "api/auth_json.hpp"
#include "api/handlers/support.hpp"
#include "auth/auth.hpp"

namespace weft::api {
namespace {

Response create_key(ApiContext& ctx, Request& request) {
  auto body = body_object(request, ctx.limits, false);
  auto name =
      body ? string_field(*body, "name", true) : Result<std::optional<std::string>>(body.error());
  auto scope_text = name ? string_field(*body, "scope", false) : name;
  auto pipeline = scope_text ? string_field(*body, "pipeline_id", false) : scope_text;
  if (!pipeline) {
    return Response::from_error(pipeline.error());
  }
  auto scope = auth::parse_api_key_scope(scope_text->value_or("run"));
  if (!scope) {
    Error error =
        Error::make(ErrorCode::invalid_argument, "`scope` is `run` (only run pipelines) or `full`");
    error.pointer = "/scope";
    return Response::from_error(error);
  }
  auto created = ctx.auth->api_keys().create(*request.caller, **name, *scope, *pipeline);
  if (!created) {
    return Response::from_error(created.error());
  }
  json::object out = to_json(created->info);
  out["key"] = created->key;
  Response response = Response::json(201, out);
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

}  // namespace

void add_api_key_routes(Router& router, ApiContext& context) {
  router.add("GET", "/api/api-keys", with_auth_sync(context, [](ApiContext& ctx, Request& r) {
               return items_or_error(ctx.auth->api_keys().list(*r.caller));
             }));
  router.add("POST", "/api/api-keys", with_auth_sync(context, create_key));
  router.add("DELETE", "/api/api-keys/{id}",
             with_auth_sync(context, [](ApiContext& ctx, Request& r) {
               return item_or_error(ctx.auth->api_keys().revoke(*r.caller, r.param("id")));
             }));
}

}  // namespace weft::api
