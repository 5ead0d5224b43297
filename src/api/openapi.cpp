// The OpenAPI 3.1 document. Written from this table, independently of the
// router, so the test comparing the two catches a route added to one only.
// Each entry says what a client may send and every status it may get back;
// statuses that follow from the route's shape (401/403 without a caller, 400
// and 413 with a body, 404 with a path parameter, …) are added by the rules
// in `error_statuses`, so an entry lists only the ones particular to it.
#include <algorithm>
#include <cctype>
#include <set>

#include "api/api.hpp"
#include "api/auth_gate.hpp"
#include "api/openapi_schemas.hpp"

namespace weft::api {
namespace {

enum class Body { none, optional, required };

struct RouteDoc {
  const char* method = "";
  const char* path = "";
  const char* tag = "";
  const char* summary = "";
  const char* request = "";  ///< component schema of the JSON body, or ""
  Body body = Body::none;
  const char* status = "200";  ///< success status
  const char* response = "";   ///< component schema of the success body, or "" for none
  const char* query = "";      ///< query parameters by name: "wait,timeout_ms"
  const char* header = "";     ///< a request header by name, or ""
  const char* errors = "";     ///< statuses particular to the route: "409 422"
  /// OpenAPI links from the success answer: "path|param=expression,…;…" links
  /// to every operation on `path` and below it; "=path" to those on `path`
  /// only, "put path" to that one operation (whose header.X parameters it may set).
  const char* links = "";
};

// Every operation on the pipeline; and a save naming the version just read.
constexpr const char* kPipelineLinks =
    "/api/pipelines/{id}|id=$response.body#/id;put /api/pipelines/{id}|id=$response.body#/"
    "id,header.If-Match=\"{$response.body#/version}\"";
constexpr const char* kExecutionLinks = "/api/executions/{id}|id=$response.body#/execution_id";

constexpr RouteDoc kRoutes[] = {
    {.method = "get",
     .path = "/api/pipelines",
     .tag = "pipelines",
     .summary = "List pipelines",
     .response = "PipelineList",
     .links = "/api/pipelines/{id}|id=$response.body#/items/0/id"},
    {.method = "post",
     .path = "/api/pipelines",
     .tag = "pipelines",
     .summary = "Create a pipeline (a draft with problems is saved; the answer lists them)",
     .request = "PipelineDocument",
     .body = Body::required,
     .status = "201",
     .response = "Pipeline",
     .errors = "409 422",
     .links = kPipelineLinks},
    {.method = "get",
     .path = "/api/pipelines/{id}",
     .tag = "pipelines",
     .summary = "Read a pipeline",
     .response = "Pipeline",
     // A header is text: the version as an entity tag, "3".
     .links = "put /api/pipelines/{id}|id=$request.path.id,header.If-Match=\"{$response.body#/"
              "version}\""},
    {.method = "put",
     .path = "/api/pipelines/{id}",
     .tag = "pipelines",
     .summary = "Save a new version (the body's `version`, or If-Match, names the version edited; "
                "409 when stale)",
     .request = "PipelineUpdate",
     .body = Body::required,
     .response = "Pipeline",
     .header = "If-Match",
     .errors = "409 422",
     .links = "/api/pipelines/{id}/versions/{version}|id=$request.path.id,version=$response.body#/"
              "version"},
    {.method = "delete",
     .path = "/api/pipelines/{id}",
     .tag = "pipelines",
     .summary = "Delete a pipeline and its runs",
     .status = "204"},
    {.method = "get",
     .path = "/api/pipelines/{id}/versions",
     .tag = "pipelines",
     .summary = "List versions",
     .response = "VersionList",
     .links = "/api/pipelines/{id}/versions/{version}|id=$request.path.id,version=$response.body#/"
              "items/0/version"},
    {.method = "get",
     .path = "/api/pipelines/{id}/versions/{version}",
     .tag = "pipelines",
     .summary = "Read a version",
     .response = "Version"},
    {.method = "post",
     .path = "/api/pipelines/{id}/versions/{version}/restore",
     .tag = "pipelines",
     .summary = "Save an old version as the newest",
     .response = "Pipeline",
     .errors = "409"},
    {.method = "post",
     .path = "/api/pipelines/{id}/validate",
     .tag = "pipelines",
     .summary = "Validate the body (or the stored pipeline when the body is empty or `{}`)",
     .request = "DocumentToCheck",
     .body = Body::optional,
     .response = "Validation",
     .errors = "422"},
    {.method = "post",
     .path = "/api/pipelines/validate",
     .tag = "pipelines",
     .summary = "Validate a pipeline without saving it",
     .request = "DocumentToCheck",
     .body = Body::required,
     .response = "Validation",
     .errors = "422"},
    {.method = "post",
     .path = "/api/pipelines/{id}/run",
     .tag = "runs",
     .summary = "Run a pipeline; the body holds its inputs (422 names a missing or wrong one, or "
                "the problems of a pipeline that cannot run)",
     .request = "Inputs",
     .body = Body::optional,
     .response = "RunResult",
     .query = "wait,timeout_ms",
     .errors = "409 422",
     .links = kExecutionLinks},
    {.method = "post",
     .path = "/api/pipelines/{id}/test-run",
     .tag = "runs",
     .summary = "Editor run (answers at once unless wait=true): pinned outputs stand in for their "
                "nodes; run from a node, or one node alone, reusing an earlier run's outputs "
                "upstream (409 before the first run; 422 for a node or run it does not have)",
     .request = "TestRun",
     .body = Body::optional,
     .response = "RunResult",
     .query = "wait,timeout_ms",
     .errors = "409 422",
     .links = kExecutionLinks},
    {.method = "get",
     .path = "/api/ws",
     .tag = "live",
     .summary = "WebSocket of live run events: send {op: subscribe, execution_id, after} or {op: "
                "subscribe, feed: runs}; each event comes as {seq, type, execution_id, node_id, "
                "time, data}. A request without `Upgrade: websocket` gets 426",
     .status = "101",
     .errors = "426"},
    {.method = "post",
     .path = "/api/executions/{id}/retry",
     .tag = "runs",
     .summary = "Run a failed execution again from the failed node, reusing what succeeded (409 "
                "unless it failed, was cancelled or interrupted)",
     .response = "RunResult",
     .query = "wait,timeout_ms",
     .errors = "409 422",
     .links = kExecutionLinks},
    {.method = "get",
     .path = "/api/executions",
     .tag = "executions",
     .summary = "List executions, newest first",
     .response = "ExecutionList",
     .query = "pipeline_id,status,from,to,cursor,limit"},  // no link: a filtered list may be empty
    {.method = "get",
     .path = "/api/executions/{id}",
     .tag = "executions",
     .summary = "Read an execution with its node runs",
     .response = "ExecutionDetail"},
    {.method = "get",
     .path = "/api/queue",
     .tag = "executions",
     .summary = "Runs waiting and running, per pipeline of the workspace",
     .response = "Queue"},
    {.method = "post",
     .path = "/api/executions/{id}/cancel",
     .tag = "executions",
     .summary = "Cancel a queued or running execution (409 when it has finished)",
     .status = "202",
     .response = "CancelAccepted",
     .errors = "409"},
    {.method = "get",
     .path = "/api/auth/setup",
     .tag = "accounts",
     .summary = "Whether the first owner still has to be set up",
     .response = "SetupState",
     .errors = "503"},
    {.method = "post",
     .path = "/api/auth/setup",
     .tag = "accounts",
     .summary = "Create the first owner (only on a new install: 409 afterwards)",
     .request = "NewAccount",
     .body = Body::required,
     .status = "201",
     .response = "Session",
     .errors = "403 409 429 503"},
    {.method = "post",
     .path = "/api/auth/register",
     .tag = "accounts",
     .summary = "Sign up (only when the server allows it: 403 otherwise)",
     .request = "NewAccount",
     .body = Body::required,
     .status = "201",
     .response = "Session",
     .errors = "403 409 429 503"},
    {.method = "post",
     .path = "/api/auth/login",
     .tag = "accounts",
     .summary = "Log in (429 with Retry-After after repeated failures)",
     .request = "Login",
     .body = Body::required,
     .response = "Session",
     .errors = "401 403 404 429 503"},
    {.method = "post",
     .path = "/api/auth/refresh",
     .tag = "accounts",
     .summary = "Exchange a refresh token for a new session (each is good once)",
     .request = "RefreshToken",
     .body = Body::required,
     .response = "Session",
     .errors = "401 403 404 429 503"},
    {.method = "post",
     .path = "/api/auth/logout",
     .tag = "accounts",
     .summary = "End the login a refresh token belongs to",
     .request = "LogoutToken",
     .body = Body::required,
     .status = "204",
     .errors = "401 429 503"},
    {.method = "get",
     .path = "/api/auth/invites/{token}",
     .tag = "accounts",
     .summary = "What an invite link is for",
     .response = "Invite",
     .errors = "429 503"},
    {.method = "post",
     .path = "/api/auth/invites/{token}/accept",
     .tag = "accounts",
     .summary = "Join with an invite link (an existing account's password, or a new account)",
     .request = "NewAccount",
     .body = Body::required,
     .response = "Session",
     .errors = "401 403 409 429 503"},
    {.method = "get",
     .path = "/api/me",
     .tag = "accounts",
     .summary = "The caller, their workspace and role",
     .response = "Me"},
    {.method = "post",
     .path = "/api/me/password",
     .tag = "accounts",
     .summary = "Change the password; other sessions end",
     .request = "PasswordChange",
     .body = Body::required,
     .response = "Session"},
    {.method = "get",
     .path = "/api/me/invitations",
     .tag = "accounts",
     .summary = "Invitations to the caller's e-mail waiting for an answer",
     .response = "InvitationList"},
    {.method = "post",
     .path = "/api/me/invitations/{id}/accept",
     .tag = "accounts",
     .summary = "Join the workspace an invitation is for",
     .response = "InvitationAccepted",
     .errors = "409"},
    {.method = "post",
     .path = "/api/me/invitations/{id}/decline",
     .tag = "accounts",
     .summary = "Decline an invitation",
     .status = "204"},
    {.method = "get",
     .path = "/api/audit",
     .tag = "accounts",
     .summary = "The workspace's audit log, newest first",
     .response = "AuditPage",
     .query = "before,limit"},
    {.method = "get",
     .path = "/api/members",
     .tag = "members",
     .summary = "Members of the workspace",
     .response = "MemberList",
     .links = "/api/members/{user_id}|user_id=$response.body#/items/1/user_id"},
    {.method = "post",
     .path = "/api/members",
     .tag = "members",
     .summary = "Invite a person by email (the same answer whether or not they have an account; "
                "with a password and no account yet: create it)",
     .request = "NewMember",
     .body = Body::required,
     .status = "202",
     .response = "MemberInvited",
     .errors = "409 422"},
    {.method = "patch",
     .path = "/api/members/{user_id}",
     .tag = "members",
     .summary = "Change a member's role",
     .request = "RoleChange",
     .body = Body::required,
     .response = "Member",
     .errors = "409"},
    {.method = "delete",
     .path = "/api/members/{user_id}",
     .tag = "members",
     .summary = "Remove a member (or leave)",
     .status = "204",
     .errors = "409"},
    {.method = "get",
     .path = "/api/invites",
     .tag = "members",
     .summary = "Pending invite links",
     .response = "InviteList"},  // no link: every invite may have been accepted
    {.method = "post",
     .path = "/api/invites",
     .tag = "members",
     .summary = "Create an invite link (its token is shown once)",
     .request = "NewInvite",
     .body = Body::required,
     .status = "201",
     .response = "Invite",
     .errors = "422",
     // Not to accept: it ends the invite, and the stateful phase would find it gone.
     .links = "/api/invites/{id}|id=$response.body#/id;=/api/auth/invites/{token}|token=$response."
              "body#/token"},
    {.method = "delete",
     .path = "/api/invites/{id}",
     .tag = "members",
     .summary = "Withdraw an invite link",
     .status = "204"},
    {.method = "get",
     .path = "/api/api-keys",
     .tag = "api-keys",
     .summary = "API keys of the workspace",
     .response = "ApiKeyList",
     .links = "/api/api-keys/{id}|id=$response.body#/items/0/id"},
    {.method = "post",
     .path = "/api/api-keys",
     .tag = "api-keys",
     .summary = "Create an API key (the key is shown once)",
     .request = "NewApiKey",
     .body = Body::required,
     .status = "201",
     .response = "ApiKey",
     .errors = "404",
     .links = "/api/api-keys/{id}|id=$response.body#/id"},
    {.method = "delete",
     .path = "/api/api-keys/{id}",
     .tag = "api-keys",
     .summary = "Revoke an API key",
     .response = "ApiKey",
     .errors = "409"},
    {.method = "get",
     .path = "/api/credential-kinds",
     .tag = "credentials",
     .summary = "Kinds of credential with their schemas",
     .response = "CredentialKindList"},
    {.method = "get",
     .path = "/api/credentials",
     .tag = "credentials",
     .summary = "Credentials (names and kinds, never values)",
     .response = "CredentialList",
     .links = "/api/credentials/{id}|id=$response.body#/items/0/id"},
    {.method = "post",
     .path = "/api/credentials",
     .tag = "credentials",
     .summary = "Create a credential; its values are write-only",
     .request = "NewCredential",
     .body = Body::required,
     .status = "201",
     .response = "Credential",
     .errors = "409 422",
     .links = "/api/credentials/{id}|id=$response.body#/id"},
    {.method = "get",
     .path = "/api/credentials/{id}",
     .tag = "credentials",
     .summary = "A credential's metadata",
     .response = "Credential"},
    {.method = "patch",
     .path = "/api/credentials/{id}",
     .tag = "credentials",
     .summary = "Rename or change fields (an omitted field keeps its value)",
     .request = "CredentialUpdate",
     .body = Body::required,
     .response = "Credential",
     .errors = "409 422"},
    {.method = "delete",
     .path = "/api/credentials/{id}",
     .tag = "credentials",
     .summary = "Delete a credential",
     .status = "204",
     .errors = "409"},
    {.method = "get",
     .path = "/api/settings/providers",
     .tag = "settings",
     .summary = "The workspace's own LLM providers (without their keys), then the server's by "
                "name and kind",
     .response = "ProviderList",
     .links = "/api/settings/providers/{name}|name=$response.body#/items/0/name"},
    {.method = "put",
     .path = "/api/settings/providers",
     .tag = "settings",
     .summary = "Replace the workspace's LLM providers (API keys come from the workspace's "
                "credentials by id; addresses pass the address guard)",
     .request = "ProviderSettings",
     .body = Body::required,
     .response = "ProviderList",
     .errors = "404 409 422"},
    {.method = "get",
     .path = "/api/server/providers",
     .tag = "server",
     .summary = "The server's LLM providers in full, without their keys (server admins)",
     .response = "ServerProviderList"},
    {.method = "put",
     .path = "/api/server/providers",
     .tag = "server",
     .summary = "Replace the server's LLM providers (server admins; keys from the admin's "
                "workspace's credentials)",
     .request = "ProviderSettings",
     .body = Body::required,
     .response = "ServerProviderList",
     .errors = "422"},
    {.method = "get",
     .path = "/api/server/settings",
     .tag = "server",
     .summary = "Sign-up and whether a metrics token is set (server admins)",
     .response = "ServerSettings"},
    {.method = "put",
     .path = "/api/server/settings",
     .tag = "server",
     .summary = "Change sign-up or the metrics token (server admins; the token is never shown "
                "back)",
     .request = "ServerSettingsChange",
     .body = Body::required,
     .response = "ServerSettings",
     .errors = "422"},
    {.method = "get",
     .path = "/api/settings/providers/{name}/models",
     .tag = "settings",
     .summary = "The models a provider has, asked live (Ollama /api/tags, OpenAI /v1/models); "
                "502, 503 or 504 when the provider fails, cannot be reached or is too slow",
     .response = "ModelList",
     .errors = "422 502 504"},
    {.method = "get",
     .path = "/api/node-types",
     .tag = "catalogue",
     .summary = "Every block type with its config schema",
     .response = "NodeTypeList"},
    {.method = "get", .path = "/api/openapi.json", .tag = "system", .summary = "This document"},
    {.method = "get",
     .path = "/healthz",
     .tag = "system",
     .summary = "Liveness",
     .response = "Health"},
    {.method = "get",
     .path = "/metrics",
     .tag = "system",
     .summary = "Prometheus metrics (text format)"},
};

std::string upper(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return out;
}

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> out;
  while (!text.empty()) {
    const auto at = text.find(separator);
    out.push_back(text.substr(0, at));
    text = at == std::string_view::npos ? "" : text.substr(at + 1);
  }
  return out;
}

json::object ref(std::string_view schema) {
  return json::object{{"$ref", "#/components/schemas/" + std::string(schema)}};
}

json::object json_content(std::string_view schema) {
  return json::object{{"application/json", json::object{{"schema", ref(schema)}}}};
}

json::array parameters(const RouteDoc& route) {
  json::array out;
  std::string_view path = route.path;
  for (auto open = path.find('{'); open != std::string_view::npos;
       open = path.find('{', open + 1)) {
    const auto name = path.substr(open + 1, path.find('}', open) - open - 1);
    out.push_back(json::object{{"name", name},
                               {"in", "path"},
                               {"required", true},
                               {"schema", path_parameter_schema(route.path, name)}});
  }
  for (auto name : split(route.query, ',')) {
    out.push_back(json::object{{"name", name},
                               {"in", "query"},
                               {"required", false},
                               {"schema", query_parameter_schema(name)}});
  }
  if (*route.header != '\0') {
    out.push_back(json::object{{"name", route.header},
                               {"in", "header"},
                               {"required", false},
                               {"schema", query_parameter_schema(route.header)}});
  }
  return out;
}

/// Every error status of `route`: its own, and those its shape brings.
std::set<std::string> error_statuses(const RouteDoc& route) {
  std::set<std::string> out;
  for (auto status : split(route.errors, ' ')) {
    out.emplace(status);
  }
  if (!is_public_route(upper(route.method), route.path)) {
    // The gate: no or a bad token, a role or key that may not, failed
    // attempts limited per source, a database that cannot answer.
    out.insert({"401", "403", "429", "503"});
  }
  if (route.body != Body::none || *route.query != '\0' || *route.header != '\0') {
    out.insert("400");
  }
  if (route.body != Body::none) {
    out.insert("413");
  }
  if (std::string_view(route.path).find('{') != std::string_view::npos) {
    out.insert({"400", "404"});
  }
  return out;
}

json::object header(std::string_view description, bool required = false) {
  return json::object{{"description", description},
                      {"required", required},
                      {"schema", json::object{{"type", "string"}}}};
}

json::object error_response(std::string_view status) {
  constexpr std::pair<std::string_view, std::string_view> kMeanings[] = {
      {"400", "The request is malformed or breaks the schema"},
      {"401", "No valid token or API key (or a wrong password)"},
      {"403", "The caller's role or key may not do this"},
      {"404", "Nothing with this id in the caller's workspace"},
      {"409", "In conflict with the current state"},
      {"413", "The body or one of its lists is too large"},
      {"422", "Well-formed, but the named items cannot be used"},
      {"426", "Not a WebSocket upgrade"},
      {"429", "Too many attempts; try again after Retry-After seconds"},
      {"502", "The upstream service answered with an error"},
      {"503", "Not available now (or not served by this server)"},
      {"504", "The upstream service did not answer in time"},
  };
  std::string_view meaning = "An error";
  for (const auto& [known, text] : kMeanings) {
    if (known == status) {
      meaning = text;
    }
  }
  json::object response{{"description", meaning}, {"content", json_content("Error")}};
  if (status == "401") {
    response["headers"] =
        json::object{{"WWW-Authenticate", header("Bearer realm=\"weft\" (when no token came)")}};
  } else if (status == "429") {
    response["headers"] = json::object{{"Retry-After", header("Seconds to wait", true)}};
  } else if (status == "426") {
    response["headers"] = json::object{{"Upgrade", header("websocket", true)}};
  }
  return response;
}

std::string operation_id(const RouteDoc& route) {
  return std::string(route.method) + std::string(route.path);
}

/// A name for a link: the target's operation id in letters, digits and `_`.
std::string link_name(const RouteDoc& target) {
  std::string name = operation_id(target);
  for (auto& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) {
      c = '_';
    }
  }
  return name;
}

/// The links of `route`'s success answer (see RouteDoc::links).
json::object links(const RouteDoc& route) {
  json::object out;
  for (auto link : split(route.links, ';')) {
    const auto bar = link.find('|');
    std::string_view spec = link.substr(0, bar);
    const auto space = spec.find(' ');
    const std::string_view method = space == std::string_view::npos ? "" : spec.substr(0, space);
    spec.remove_prefix(space == std::string_view::npos ? 0 : space + 1);
    const bool exact = !method.empty() || spec.starts_with('=');
    const std::string target_path(spec.substr(spec.starts_with('=') ? 1 : 0));
    json::object params;
    for (auto binding : split(link.substr(bar + 1), ',')) {
      const auto equals = binding.find('=');
      params[binding.substr(0, equals)] = binding.substr(equals + 1);
    }
    for (const auto& target : kRoutes) {
      const std::string_view path = target.path;
      const bool method_fits = method.empty() || method == target.method;
      if (method_fits && (path == target_path || (!exact && path.starts_with(target_path + "/")))) {
        out[link_name(target)] =
            json::object{{"operationId", operation_id(target)}, {"parameters", params}};
      }
    }
  }
  return out;
}

json::object success_response(const RouteDoc& route) {
  json::object success{{"description", route.summary}};
  const std::string_view path = route.path;
  if (*route.response != '\0') {
    success["content"] = json_content(route.response);
  } else if (path == "/metrics") {
    success["content"] =
        json::object{{"text/plain", json::object{{"schema", json::object{{"type", "string"}}}}}};
  } else if (path == "/api/openapi.json") {
    success["content"] = json::object{
        {"application/json", json::object{{"schema", json::object{{"type", "object"}}}}}};
  }
  if (*route.links != '\0') {
    success["links"] = links(route);
  }
  return success;
}

json::object operation(const RouteDoc& route) {
  json::object op{{"tags", json::array{route.tag}},
                  {"summary", route.summary},
                  {"operationId", operation_id(route)}};
  if (is_public_route(upper(route.method), route.path)) {
    op["security"] = json::array{};  // answers without a caller
  }
  if (auto params = parameters(route); !params.empty()) {
    op["parameters"] = std::move(params);
  }
  if (route.body != Body::none) {
    op["requestBody"] = json::object{{"required", route.body == Body::required},
                                     {"content", json_content(route.request)}};
  }
  json::object responses{{route.status, success_response(route)}};
  if (std::string_view(route.response) == "RunResult") {
    json::object accepted{{"description", "The run goes on; poll the execution"},
                          {"content", json_content("RunAccepted")}};
    accepted["links"] = links(route);
    responses["202"] = std::move(accepted);
  }
  for (const auto& status : error_statuses(route)) {
    responses[status] = error_response(status);
  }
  op["responses"] = std::move(responses);
  return op;
}

}  // namespace

json::value openapi_document() {
  json::object paths;
  for (const auto& route : kRoutes) {
    if (!paths.contains(route.path)) {
      paths[route.path] = json::object{};
    }
    paths[route.path].as_object()[route.method] = operation(route);
  }
  return json::object{
      {"openapi", "3.1.0"},
      {"info", json::object{{"title", "Weft API"},
                            {"version", "0.1.0"},
                            {"description", "Build, run and inspect Weft pipelines."}}},
      {"paths", std::move(paths)},
      {"security", json::array{json::object{{"bearer", json::array{}}}}},
      {"components",
       json::object{{"schemas", openapi_schemas()},
                    {"securitySchemes",
                     json::object{{"bearer", json::object{{"type", "http"},
                                                          {"scheme", "bearer"},
                                                          {"description",
                                                           "An access token from /api/auth/login, "
                                                           "or an API key (wft_…)"}}}}}}}};
}

}  // namespace weft::api
