#include "api/auth_gate.hpp"

#include <algorithm>
#include <cctype>

namespace weft::api {
namespace {

struct RouteKey {
  std::string_view method;
  std::string_view pattern;
};

/// Everything else needs a caller.
constexpr RouteKey kPublicRoutes[] = {
    {"GET", "/healthz"},
    {"GET", "/api/openapi.json"},
    {"GET", "/api/auth/setup"},
    {"POST", "/api/auth/setup"},
    {"POST", "/api/auth/login"},
    {"POST", "/api/auth/refresh"},
    {"POST", "/api/auth/logout"},
    {"POST", "/api/auth/register"},
    {"GET", "/api/auth/invites/{token}"},
    {"POST", "/api/auth/invites/{token}/accept"},
    // Triggers answer whoever holds their secret URL (issue 12).
    {"POST", "/hooks/{token}"},
    {"PUT", "/hooks/{token}"},
    {"PATCH", "/hooks/{token}"},
    {"GET", "/hooks/{token}"},
    {"GET", "/api/forms/{token}"},
    {"POST", "/api/forms/{token}"},
};

/// Routes that take a credential the gate does not know and check it
/// themselves (`/metrics`: the metrics token, or a server admin).
constexpr RouteKey kSelfCheckedRoutes[] = {
    {"GET", "/metrics"},
};

/// Writes that only start runs (viewers may run).
constexpr RouteKey kRunRoutes[] = {
    {"POST", "/api/pipelines/{id}/run"},
    {"POST", "/api/pipelines/{id}/test-run"},
    {"POST", "/api/executions/{id}/retry"},
    {"POST", "/api/executions/{id}/cancel"},
    {"POST", "/api/files"},  // uploads for a run
};

/// Writes that change nothing stored, or whose service checks the caller itself.
constexpr RouteKey kReadRoutes[] = {
    {"POST", "/api/pipelines/{id}/validate"},
    {"POST", "/api/pipelines/validate"},
    {"POST", "/api/triggers/preview"},
    {"POST", "/api/me/password"},
    {"DELETE", "/api/members/{user_id}"},
    {"POST", "/api/me/invitations/{id}/accept"},
    {"POST", "/api/me/invitations/{id}/decline"},
};

/// All a run-scoped API key may call: run (its pipeline, when it is limited
/// to one) and read executions, which the handlers narrow to that pipeline's.
constexpr RouteKey kRunKeyRoutes[] = {
    {"POST", "/api/pipelines/{id}/run"},
    {"GET", "/api/executions"},
    {"GET", "/api/executions/{id}"},
    {"GET", "/api/files/{id}"},  // the handler narrows it to the key's pipeline's runs
};

bool listed(std::span<const RouteKey> keys, std::string_view method, std::string_view pattern) {
  return std::any_of(keys.begin(), keys.end(), [&](const RouteKey& key) {
    return key.method == method && key.pattern == pattern;
  });
}

/// True for `/api` and paths under `/api/`, in any spelling of its case; not
/// for the editor's own pages that merely start so (`/api-keys`).
bool under_api(std::string_view path) {
  constexpr std::string_view kApi = "/api";
  if (path.size() < kApi.size() || (path.size() > kApi.size() && path[kApi.size()] != '/')) {
    return false;
  }
  return std::equal(kApi.begin(), kApi.end(), path.begin(), [](char a, char b) {
    return a == std::tolower(static_cast<unsigned char>(b));
  });
}

/// Routes about the server itself rather than a workspace.
bool is_server_route(std::string_view pattern) {
  return pattern == "/api/server" || pattern.starts_with("/api/server/");
}

}  // namespace

Response unauthenticated(std::string message) {
  Response response =
      Response::from_error(Error::make(ErrorCode::unauthenticated, std::move(message)));
  response.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"weft\"");
  return response;
}

namespace {

/// Why the caller may not do `action` on this route; nullopt when it may.
std::optional<Error> refusal(const auth::Caller& caller, std::string_view method,
                             std::string_view pattern, auth::Action action,
                             std::string_view pipeline_id) {
  const bool run_key = caller.api_key_scope == auth::ApiKeyScope::run;
  if (run_key && !listed(kRunKeyRoutes, method, pattern)) {
    return Error::make(ErrorCode::forbidden,
                       "a run key may only run its pipeline and read that pipeline's executions");
  }
  // The execution routes name no pipeline: their handlers narrow what a key
  // limited to one reads (auth::Caller::may_read_execution).
  const bool reads_executions = run_key && method == "GET";
  if (reads_executions || caller.may(action, pipeline_id)) {
    return std::nullopt;
  }
  return Error::make(ErrorCode::forbidden,
                     caller.is_api_key()
                         ? "this API key may not " + std::string(auth::to_string(action)) + " here"
                         : "your role (" + std::string(auth::to_string(caller.role)) +
                               ") may not " + std::string(auth::to_string(action)) +
                               " in this workspace");
}

}  // namespace

std::string_view bearer_token(const Request& request) {
  constexpr std::string_view kBearer = "Bearer ";
  const std::string_view header = request.header("authorization");
  if (header.size() > kBearer.size() &&
      std::equal(kBearer.begin(), kBearer.end(), header.begin(), [](char a, char b) {
        return std::tolower(static_cast<unsigned char>(a)) ==
               std::tolower(static_cast<unsigned char>(b));
      })) {
    return header.substr(kBearer.size());
  }
  constexpr std::string_view kProtocol = "weft.bearer.";
  std::string_view offered = request.header("sec-websocket-protocol");
  while (!offered.empty()) {
    const auto comma = offered.find(',');
    std::string_view item = offered.substr(0, comma);
    item.remove_prefix(std::min(item.find_first_not_of(' '), item.size()));
    if (item.starts_with(kProtocol)) {
      return item.substr(kProtocol.size(), item.find(' ') - kProtocol.size());
    }
    offered = comma == std::string_view::npos ? std::string_view{} : offered.substr(comma + 1);
  }
  return {};
}

bool is_public_route(std::string_view method, std::string_view pattern) {
  return listed(kPublicRoutes, method, pattern);
}

auth::Action required_action(std::string_view method, std::string_view pattern) {
  if (method == "GET" || method == "HEAD" || listed(kReadRoutes, method, pattern)) {
    return auth::Action::read;
  }
  if (listed(kRunRoutes, method, pattern)) {
    return auth::Action::run;
  }
  const bool manages = pattern.starts_with("/api/members") || pattern.starts_with("/api/invites") ||
                       pattern.starts_with("/api/api-keys") ||
                       pattern.starts_with("/api/credentials") ||
                       pattern.starts_with("/api/settings");
  return manages ? auth::Action::manage : auth::Action::build;
}

Middleware make_auth_gate(auth::Auth& auth) {
  return [&auth](Request& request, const Route* route) -> std::optional<Response> {
    std::string_view method = request.method;
    if (method == "HEAD") {
      method = "GET";
    }
    const bool editor_file = route == nullptr || route->pattern == kFallbackPattern;
    if (editor_file ? !under_api(request.path)
                    : is_public_route(method, route->pattern) ||
                          listed(kSelfCheckedRoutes, method, route->pattern)) {
      return std::nullopt;
    }
    const std::string_view token = bearer_token(request);
    if (token.empty()) {
      return unauthenticated(
          "sign in first: send `Authorization: Bearer <access token or API key>`");
    }
    auto caller = auth.accounts().authenticate_bearer(token, request.remote);
    if (!caller) {
      // A database that cannot answer is the server's trouble, not a bad
      // token; an address refused for guessing keys is told when to retry.
      const ErrorCode code = caller.error().code;
      const bool as_is = code == ErrorCode::unavailable || code == ErrorCode::internal ||
                         code == ErrorCode::rate_limited;
      return as_is ? Response::from_error(caller.error()) : unauthenticated(caller.error().message);
    }
    if (route != nullptr && is_server_route(route->pattern)) {
      // A server admin's power does not depend on their role in the
      // workspace they happen to be signed in to; API keys never carry it.
      if (!caller->server_admin || caller->is_api_key()) {
        return Response::from_error(Error::make(
            ErrorCode::forbidden,
            "only a server admin may read or change the server's settings "
            "(the first account is one; `weft user create --server-admin` makes more)"));
      }
    } else if (route != nullptr) {
      const auth::Action action = required_action(method, route->pattern);
      const bool names_pipeline = route->pattern.starts_with("/api/pipelines/{id}");
      if (auto refused = refusal(*caller, method, route->pattern, action,
                                 names_pipeline ? request.param("id") : std::string_view{})) {
        return Response::from_error(*refused);
      }
    }
    request.caller = std::move(*caller);
    return std::nullopt;
  };
}

}  // namespace weft::api
