// Accounts and sessions: first-owner setup, sign-up, login, refresh, logout,
// the caller's own account and password, invite links, the audit log.
#include "api/auth_json.hpp"
#include "api/handlers/blocking.hpp"
#include "api/handlers/support.hpp"
#include "auth/auth.hpp"

namespace weft::api {
namespace {

namespace asio = boost::asio;

Response session_response(const Result<auth::Session>& session, int status = 200) {
  if (!session) {
    return Response::from_error(session.error());
  }
  Response response = Response::json(status, to_json(*session));
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

/// email, password and name from a body; role, workspace_id and the like are ignored.
Result<auth::NewAccount> new_account(const json::object& body) {
  auto email = string_field(body, "email", true);
  auto password = email ? string_field(body, "password", true) : email;
  auto name = password ? string_field(body, "name", false) : password;
  if (!name) {
    return name.error();
  }
  return auth::NewAccount{**email, **password, name->value_or("")};
}

asio::awaitable<Response> setup(ApiContext& ctx, Request& request) {
  auto body = body_object(request, ctx.limits, false);
  auto account = body ? new_account(*body) : Result<auth::NewAccount>(body.error());
  if (!account) {
    co_return Response::from_error(account.error());
  }
  auto session = co_await on_blocking_pool(
      ctx, [&] { return ctx.auth->accounts().setup_owner(std::move(*account), request.remote); });
  co_return session_response(session, 201);
}

asio::awaitable<Response> register_account(ApiContext& ctx, Request& request) {
  auto body = body_object(request, ctx.limits, false);
  auto account = body ? new_account(*body) : Result<auth::NewAccount>(body.error());
  if (!account) {
    co_return Response::from_error(account.error());
  }
  auto session = co_await on_blocking_pool(ctx, [&] {
    return ctx.auth->accounts().register_account(std::move(*account), request.remote);
  });
  co_return session_response(session, 201);
}

asio::awaitable<Response> login(ApiContext& ctx, Request& request) {
  auto body = body_object(request, ctx.limits, false);
  auto email =
      body ? string_field(*body, "email", true) : Result<std::optional<std::string>>(body.error());
  auto password = email ? string_field(*body, "password", true) : email;
  auto workspace = password ? string_field(*body, "workspace", false) : password;
  if (!workspace) {
    co_return Response::from_error(workspace.error());
  }
  auth::LoginRequest login{**email, **password, request.remote, *workspace};
  auto session =
      co_await on_blocking_pool(ctx, [&] { return ctx.auth->accounts().login(std::move(login)); });
  co_return session_response(session);
}

Response refresh(ApiContext& ctx, Request& request) {
  auto body = body_object(request, ctx.limits, false);
  auto token = body ? string_field(*body, "refresh_token", true)
                    : Result<std::optional<std::string>>(body.error());
  auto workspace = token ? string_field(*body, "workspace", false) : token;
  if (!workspace) {
    return Response::from_error(workspace.error());
  }
  return session_response(ctx.auth->accounts().refresh(**token, *workspace, request.remote));
}

Response logout(ApiContext& ctx, Request& request) {
  auto body = body_object(request, ctx.limits, false);
  auto token = body ? string_field(*body, "refresh_token", true)
                    : Result<std::optional<std::string>>(body.error());
  if (!token) {
    return Response::from_error(token.error());
  }
  if (auto done = ctx.auth->accounts().logout(**token, request.remote); !done) {
    return Response::from_error(done.error());
  }
  return Response::text(204, "");
}

asio::awaitable<Response> change_password(ApiContext& ctx, Request& request) {
  auto body = body_object(request, ctx.limits, false);
  auto old_password = body ? string_field(*body, "old_password", true)
                           : Result<std::optional<std::string>>(body.error());
  auto new_password = old_password ? string_field(*body, "new_password", true) : old_password;
  if (!new_password) {
    co_return Response::from_error(new_password.error());
  }
  auto session = co_await on_blocking_pool(ctx, [&] {
    return ctx.auth->accounts().change_password(*request.caller, std::move(**old_password),
                                                std::move(**new_password));
  });
  co_return session_response(session);
}

asio::awaitable<Response> accept_invite(ApiContext& ctx, Request& request) {
  auto body = body_object(request, ctx.limits, false);
  auto account = body ? new_account(*body) : Result<auth::NewAccount>(body.error());
  if (!account) {
    co_return Response::from_error(account.error());
  }
  auto session = co_await on_blocking_pool(ctx, [&] {
    return ctx.auth->members().accept_invite(request.param("token"), std::move(*account),
                                             request.remote);
  });
  co_return session_response(session);
}

Response audit(ApiContext& ctx, Request& request) {
  auto before = query_int(request, "before", 0, INT64_MAX);
  auto limit = before ? query_int(request, "limit", 1, 200) : before;
  if (!limit) {
    return Response::from_error(limit.error());
  }
  auto page = ctx.auth->audit().list(*request.caller, before->value_or(0),
                                     static_cast<int>(limit->value_or(50)));
  if (!page) {
    return Response::from_error(page.error());
  }
  json::array items;
  for (const auto& entry : page->items) {
    items.push_back(to_json(entry));
  }
  return Response::json(
      200, json::object{{"items", std::move(items)}, {"next_before", page->next_before}});
}

}  // namespace

void add_account_routes(Router& router, ApiContext& context) {
  router.add("GET", "/api/auth/setup", with_auth_sync(context, [](ApiContext& ctx, Request&) {
               auto needs = ctx.auth->accounts().needs_setup();
               return needs ? Response::json(200, json::object{{"needs_setup", *needs}})
                            : Response::from_error(needs.error());
             }));
  router.add("POST", "/api/auth/setup", with_auth(context, setup));
  router.add("POST", "/api/auth/register", with_auth(context, register_account));
  router.add("POST", "/api/auth/login", with_auth(context, login));
  router.add("POST", "/api/auth/refresh", with_auth_sync(context, refresh));
  router.add("POST", "/api/auth/logout", with_auth_sync(context, logout));
  router.add("GET", "/api/auth/invites/{token}",
             with_auth_sync(context, [](ApiContext& ctx, Request& request) {
               auto invite = ctx.auth->members().describe_invite(request.param("token"));
               return invite ? Response::json(200, to_json(*invite))
                             : Response::from_error(invite.error());
             }));
  router.add("POST", "/api/auth/invites/{token}/accept", with_auth(context, accept_invite));
  router.add("GET", "/api/me", with_auth_sync(context, [](ApiContext& ctx, Request& request) {
               auto me = ctx.auth->accounts().me(*request.caller);
               return me ? Response::json(200, to_json(*me)) : Response::from_error(me.error());
             }));
  router.add("POST", "/api/me/password", with_auth(context, change_password));
  router.add("GET", "/api/audit", with_auth_sync(context, audit));
}

}  // namespace weft::api
