#include "api/http/route_decision.hpp"

#include <exception>

#include "api/http/request_target.hpp"

namespace weft::api {
namespace {

Response method_not_allowed(const Router& router, const Request& request) {
  std::string allow;
  for (const auto& method : router.allowed_methods(request.path)) {
    allow += allow.empty() ? "" : ", ";
    allow += method;
  }
  Response response =
      Response::error(405, "method_not_allowed",
                      request.method + " is not allowed on " + request.path + "; use " + allow);
  response.headers.emplace_back("Allow", std::move(allow));
  return response;
}

Router::Match find_route(const Router& router, Request& request) {
  auto match = router.match(request.method, request.path, request.params);
  if (match.route == nullptr && request.method == "HEAD") {
    auto as_get = router.match("GET", request.path, request.params);
    if (as_get.route != nullptr) {
      return as_get;
    }
  }
  if (match.route == nullptr && !match.path_known) {
    match.route = router.fallback(request.method, request.path);
  }
  return match;
}

/// Runs the middleware; an exception becomes a 500 whose cause goes to the log.
std::optional<Response> run_middleware(const Middleware& middleware, Request& request,
                                       const Route* route, std::string& error) {
  try {
    return middleware(request, route);
  } catch (const std::exception& e) {
    error = e.what();
  } catch (...) {
    error = "unknown exception";
  }
  return internal_error(request.request_id);
}

}  // namespace

RouteDecision decide_route(const Router& router, const Middleware* middleware, Request& request) {
  RouteDecision decision;
  auto target = parse_request_target(request.target);
  if (!target) {
    decision.answer = Response::error(400, "bad_request", target.error().message);
    return decision;
  }
  request.path = std::move(target->path);
  request.query = std::move(target->query);
  const auto match = find_route(router, request);
  if (match.route != nullptr) {
    decision.label = match.route->pattern;
  }
  if (middleware != nullptr && *middleware) {
    decision.answer = run_middleware(*middleware, request, match.route, decision.error);
    if (decision.answer) {
      return decision;
    }
  }
  if (match.route != nullptr) {
    decision.route = match.route;
  } else if (match.path_known) {
    decision.answer = method_not_allowed(router, request);
  } else {
    decision.answer =
        Response::error(404, "not_found", "no route for " + request.method + " " + request.path);
  }
  return decision;
}

Response internal_error(std::string_view request_id) {
  return Response::error(500, "internal",
                         "internal error while handling request " + std::string(request_id));
}

}  // namespace weft::api
