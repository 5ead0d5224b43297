#pragma once
// What to do with a request once it has arrived, before any handler runs:
// parse its target, let the middleware answer, match a route, or answer
// 400/404/405 ourselves. Plain code, no I/O.

#include <optional>
#include <string>

#include "api/http/router.hpp"
#include "api/http/server.hpp"

namespace weft::api {

struct RouteDecision {
  const Route* route = nullptr;     ///< run this handler…
  std::optional<Response> answer;   ///< …or send this
  std::string label = "unmatched";  ///< route pattern, for counts and the access log
  std::string error;                ///< a middleware exception's text, for the log only
};

/// Fills `request.path`, `query` and `params`, then decides. HEAD falls back
/// to the GET route.
RouteDecision decide_route(const Router& router, const Middleware* middleware, Request& request);

/// The 500 envelope: names the request id, never the cause.
Response internal_error(std::string_view request_id);

}  // namespace weft::api
