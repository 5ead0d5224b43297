#pragma once
// How a session reaches a browser: the refresh token in an HttpOnly cookie
// that only the auth routes receive, so no script of the page can read it
// (docs/security.md, "The browser"); API clients keep it in the body.
//
// The rule for the body of an answer that starts or renews a session: a
// refresh or logout that presented its token in the body gets the next one
// in the body, one that presented the cookie never does; login, setup,
// register, invite accept and password change put it in the body unless the
// request asked for cookie mode (`X-Weft-Refresh: cookie`, as the editor
// does). The cookie is set either way (clients without a cookie jar ignore it).

#include <optional>
#include <string>
#include <string_view>

#include "api/http/router.hpp"
#include "api/http/server.hpp"
#include "auth/session.hpp"
#include "common/result.hpp"

namespace weft::api {

/// `weft_refresh`: HttpOnly, SameSite=Strict, Path=/api/auth, Secure behind TLS.
inline constexpr std::string_view kRefreshCookie = "weft_refresh";
inline constexpr std::string_view kRefreshCookiePath = "/api/auth";

/// A refresh or logout request: its refresh token and where it came from.
struct RefreshRequest {
  std::string token;
  std::optional<std::string> workspace;  ///< refresh only: the workspace to switch to
  bool from_cookie = false;
};

/// The one reader of refresh and logout bodies: `refresh_token` and
/// `workspace`, each a string when present; the token from the cookie when
/// the body has none; an error naming `/refresh_token` when neither has one.
Result<RefreshRequest> read_refresh_request(const Request& request, const ServerLimits& limits);

/// True when the request asks for cookie mode: `X-Weft-Refresh: cookie`.
bool cookie_mode(const Request& request);

/// The answer that starts or renews a session: the session as JSON (with or
/// without `refresh_token`), `Cache-Control: no-store`, and the cookie.
Response session_answer(const Request& request, const auth::Session& session, int status,
                        bool token_in_body);

/// Adds the Set-Cookie that removes the cookie (logout, a refused cookie).
void clear_refresh_cookie(Response& response, const Request& request);

/// True when the client reached us over TLS: the server speaks plain HTTP,
/// so only a proxy in front can say so (`X-Forwarded-Proto: https`).
bool behind_tls(const Request& request);

/// Wraps a handler of the cookie routes: a request from a page of another
/// origin is refused (403) before it can set, use or clear the cookie.
Handler own_origin_only(Handler handler);

}  // namespace weft::api
