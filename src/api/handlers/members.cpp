// Members of the caller's workspace and invite links.
#include "api/auth_json.hpp"
#include "api/handlers/blocking.hpp"
#include "api/handlers/support.hpp"
#include "auth/auth.hpp"
#include "auth/identity.hpp"

namespace weft::api {
namespace {

namespace asio = boost::asio;

/// The answer to adding someone, the same whether or not the address has an
/// account (and whether an account was created), so that it tells nothing.
Response added(const Result<auth::AddedMember>& result) {
  if (!result) {
    return Response::from_error(result.error());
  }
  return Response::json(202, json::object{{"status", "invited"},
                                          {"email", result->email},
                                          {"role", auth::to_string(result->role)}});
}

/// Invites an address; with a password, creates the account when there is none.
asio::awaitable<Response> add_member(ApiContext& ctx, Request& request) {
  auto body = body_object(request, ctx.limits, false);
  if (!body) {
    co_return Response::from_error(body.error());
  }
  auto role = role_field(*body);
  auto email =
      role ? string_field(*body, "email", true) : Result<std::optional<std::string>>(role.error());
  auto password = email ? string_field(*body, "password", false) : email;
  auto name = password ? string_field(*body, "name", false) : password;
  if (!name) {
    co_return Response::from_error(name.error());
  }
  // Checked whether or not it is used, so the answer never tells which.
  if (auto checked = auth::display_name(name->value_or(""), **email); *name && !checked) {
    Error error = std::move(checked).error();
    error.pointer = "/name";
    co_return Response::from_error(error);
  }
  if (!*password) {
    co_return added(ctx.auth->members().invite_email(*request.caller, **email, *role));
  }
  auth::NewAccount account{**email, **password, name->value_or("")};
  auto result = co_await on_blocking_pool(
      ctx, [&] { return ctx.auth->members().create(*request.caller, std::move(account), *role); });
  co_return added(result);
}

Response change_role(ApiContext& ctx, Request& request) {
  auto body = body_object(request, ctx.limits, false);
  auto role = body ? role_field(*body) : Result<auth::Role>(body.error());
  if (!role) {
    return Response::from_error(role.error());
  }
  return item_or_error(
      ctx.auth->members().change_role(*request.caller, request.param("user_id"), *role));
}

Response create_invite(ApiContext& ctx, Request& request) {
  auto body = body_object(request, ctx.limits, false);
  auto role = body ? role_field(*body) : Result<auth::Role>(body.error());
  auto email =
      role ? string_field(*body, "email", false) : Result<std::optional<std::string>>(role.error());
  if (!email) {
    return Response::from_error(email.error());
  }
  auto invite = ctx.auth->members().invite(*request.caller, *role, *email);
  if (!invite) {
    return Response::from_error(invite.error());
  }
  json::object out = to_json(invite->invite);
  out["token"] = invite->token;
  out["path"] = "/invite#" + invite->token;
  return Response::json(201, out);
}

Response no_content(const Status& status) {
  return status ? Response::text(204, "") : Response::from_error(status.error());
}

}  // namespace

void add_member_routes(Router& router, ApiContext& context) {
  router.add("GET", "/api/members", with_auth_sync(context, [](ApiContext& ctx, Request& r) {
               return items_or_error(ctx.auth->members().list(*r.caller));
             }));
  router.add("POST", "/api/members", with_auth(context, add_member));
  router.add("PATCH", "/api/members/{user_id}", with_auth_sync(context, change_role));
  router.add("DELETE", "/api/members/{user_id}",
             with_auth_sync(context, [](ApiContext& ctx, Request& r) {
               return no_content(ctx.auth->members().remove(*r.caller, r.param("user_id")));
             }));
  router.add("GET", "/api/invites", with_auth_sync(context, [](ApiContext& ctx, Request& r) {
               return items_or_error(ctx.auth->members().list_invites(*r.caller));
             }));
  router.add("POST", "/api/invites", with_auth_sync(context, create_invite));
  router.add("DELETE", "/api/invites/{id}",
             with_auth_sync(context, [](ApiContext& ctx, Request& r) {
               return no_content(ctx.auth->members().revoke_invite(*r.caller, r.param("id")));
             }));
  // The invitee's side: invitations addressed to the caller's own email.
  router.add("GET", "/api/me/invitations", with_auth_sync(context, [](ApiContext& ctx, Request& r) {
               return items_or_error(ctx.auth->invitations().list(*r.caller));
             }));
  router.add("POST", "/api/me/invitations/{id}/accept",
             with_auth_sync(context, [](ApiContext& ctx, Request& r) {
               auto joined = ctx.auth->invitations().accept(*r.caller, r.param("id"));
               return joined ? Response::json(200, json::object{{"workspace", to_json(*joined)}})
                             : Response::from_error(joined.error());
             }));
  router.add("POST", "/api/me/invitations/{id}/decline",
             with_auth_sync(context, [](ApiContext& ctx, Request& r) {
               return no_content(ctx.auth->invitations().decline(*r.caller, r.param("id")));
             }));
}

}  // namespace weft::api
