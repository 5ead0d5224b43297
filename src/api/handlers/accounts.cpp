// Accounts and sessions: first-owner setup, sign-up, login, refresh, logout,
// the caller's own account and password, invite links, the audit log.
#include "api/auth_json.hpp"
#include "api/handlers/blocking.hpp"
#include "api/handlers/session_cookie.hpp"
#include "api/handlers/support.hpp"
#include "auth/auth.hpp"

namespace weft::api {
namespace {

namespace asio = boost::asio;

/// A new session for a request that presented no refresh token: the token in
/// the body unless the request asked for cookie mode; the cookie either way.
Response session_response(const Request& request, const Result<auth::Session>& session,
                          int status = 200) {
  if (!session) {
    return Response::from_error(session.error());
  }
  return session_answer(request, *session, status, !cookie_mode(request));
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
  co_return session_response(request, session, 201);
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
  co_return session_response(request, session, 201);
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
  co_return session_response(request, session);
}

/// The next session comes back the way the spent token came: in the body, or
/// in the cookie only. A cookie the server refuses is removed.
Response refresh(ApiContext& ctx, Request& request) {
  auto read = read_refresh_request(request, ctx.limits);
  if (!read) {
    return Response::from_error(read.error());
  }
  auto session =
      ctx.auth->accounts().refresh(read->token, std::move(read->workspace), request.remote);
  if (!session) {
    Response response = Response::from_error(session.error());
    if (read->from_cookie && session.error().code == ErrorCode::unauthenticated) {
      clear_refresh_cookie(response, request);
    }
    return response;
  }
  return session_answer(request, *session, 200, !read->from_cookie);
}

/// Ends the login of the body's token, or the cookie's; the cookie goes either way.
Response logout(ApiContext& ctx, Request& request) {
  auto read = read_refresh_request(request, ctx.limits);
  Response response = Response::text(204, "");
  if (!read) {
    response = Response::from_error(read.error());
  } else if (auto done = ctx.auth->accounts().logout(read->token, request.remote); !done) {
    response = Response::from_error(done.error());
  }
  clear_refresh_cookie(response, request);
  return response;
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
  co_return session_response(request, session);
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
  co_return session_response(request, session);
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
  // The routes that set, use or clear the refresh cookie answer only pages of our own origin.
  router.add("POST", "/api/auth/setup", own_origin_only(with_auth(context, setup)));
  router.add("POST", "/api/auth/register", own_origin_only(with_auth(context, register_account)));
  router.add("POST", "/api/auth/login", own_origin_only(with_auth(context, login)));
  router.add("POST", "/api/auth/refresh", own_origin_only(with_auth_sync(context, refresh)));
  router.add("POST", "/api/auth/logout", own_origin_only(with_auth_sync(context, logout)));
  router.add("GET", "/api/auth/invites/{token}",
             with_auth_sync(context, [](ApiContext& ctx, Request& request) {
               auto invite = ctx.auth->members().describe_invite(request.param("token"));
               return invite ? Response::json(200, to_json(*invite))
                             : Response::from_error(invite.error());
             }));
  router.add("POST", "/api/auth/invites/{token}/accept",
             own_origin_only(with_auth(context, accept_invite)));
  router.add("GET", "/api/me", with_auth_sync(context, [](ApiContext& ctx, Request& request) {
               auto me = ctx.auth->accounts().me(*request.caller);
               return me ? Response::json(200, to_json(*me)) : Response::from_error(me.error());
             }));
  router.add("POST", "/api/me/password", with_auth(context, change_password));
  router.add("GET", "/api/audit", with_auth_sync(context, audit));
}

}  // namespace weft::api
