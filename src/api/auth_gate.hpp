#pragma once
// The gate every request passes before its handler (DESIGN §10): resolves
// the caller from `Authorization: Bearer …` (an access token or an API key),
// checks what the route needs against the caller's role and key limits, and
// puts the caller on the request. Deny by default: only the short list of
// public routes, and the editor's files outside /api, pass without a caller.

#include <string_view>

#include "api/http/server.hpp"
#include "auth/auth.hpp"

namespace weft::api {

/// The middleware for `weft serve`.
Middleware make_auth_gate(auth::Auth& auth);

/// Whether `method` + route `pattern` answers without a caller.
bool is_public_route(std::string_view method, std::string_view pattern);

/// The bearer token: the Authorization header, or for a WebSocket (where a
/// browser cannot set headers) the subprotocol `weft.bearer.<token>`.
std::string_view bearer_token(const Request& request);

/// 401 with `WWW-Authenticate: Bearer`.
Response unauthenticated(std::string message);

/// What a route needs the caller to be allowed to do.
auth::Action required_action(std::string_view method, std::string_view pattern);

}  // namespace weft::api
