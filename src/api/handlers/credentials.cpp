// Credentials: values go in and never come out; answers carry names of the
// fields that are set, not their values.
#include "api/auth_json.hpp"
#include "api/handlers/support.hpp"
#include "api/provider_directory.hpp"
#include "auth/auth.hpp"

namespace weft::api {
namespace {

/// The workspace's LLM providers open their keys again on next use.
void forget_providers(ApiContext& ctx, const Request& request) {
  if (ctx.providers != nullptr) {
    ctx.providers->forget(workspace_of(request));
  }
}

Response create_credential(ApiContext& ctx, Request& request) {
  auto body = body_object(request, ctx.limits, false);
  auto name =
      body ? string_field(*body, "name", true) : Result<std::optional<std::string>>(body.error());
  auto kind = name ? string_field(*body, "kind", true) : name;
  if (!kind) {
    return Response::from_error(kind.error());
  }
  const json::value* data = body->if_contains("data");
  return item_or_error(
      ctx.auth->credentials().create(*request.caller, **name, **kind,
                                     data != nullptr ? *data : json::value(json::object{})),
      201);
}

Response update_credential(ApiContext& ctx, Request& request) {
  auto body = body_object(request, ctx.limits, false);
  auto name =
      body ? string_field(*body, "name", false) : Result<std::optional<std::string>>(body.error());
  if (!name) {
    return Response::from_error(name.error());
  }
  auth::CredentialUpdate update{*name, std::nullopt};
  if (const json::value* data = body->if_contains("data")) {
    if (!data->is_object()) {
      Error error =
          Error::make(ErrorCode::invalid_argument, "`data` is an object of the fields to change");
      error.pointer = "/data";
      return Response::from_error(error);
    }
    update.data = data->get_object();
  }
  auto updated =
      ctx.auth->credentials().update(*request.caller, request.param("id"), std::move(update));
  forget_providers(ctx, request);
  return item_or_error(std::move(updated));
}

}  // namespace

void add_credential_routes(Router& router, ApiContext& context) {
  router.add("GET", "/api/credential-kinds", with_auth_sync(context, [](ApiContext& ctx, Request&) {
               json::array items;
               for (const auto& kind : ctx.auth->credentials().kinds().all()) {
                 items.push_back(json::object{
                     {"kind", kind.name}, {"title", kind.title}, {"schema", kind.schema}});
               }
               return Response::json(200, json::object{{"items", std::move(items)}});
             }));
  router.add("GET", "/api/credentials", with_auth_sync(context, [](ApiContext& ctx, Request& r) {
               return items_or_error(ctx.auth->credentials().list(*r.caller));
             }));
  router.add("POST", "/api/credentials", with_auth_sync(context, create_credential));
  router.add("GET", "/api/credentials/{id}",
             with_auth_sync(context, [](ApiContext& ctx, Request& r) {
               return item_or_error(ctx.auth->credentials().get(*r.caller, r.param("id")));
             }));
  router.add("PATCH", "/api/credentials/{id}", with_auth_sync(context, update_credential));
  router.add("DELETE", "/api/credentials/{id}",
             with_auth_sync(context, [](ApiContext& ctx, Request& r) {
               auto removed = ctx.auth->credentials().remove(*r.caller, r.param("id"));
               forget_providers(ctx, r);
               return removed ? Response::text(204, "") : Response::from_error(removed.error());
             }));
}

}  // namespace weft::api
