// The OpenAPI 3.1 document. Written from this table, independently of the
// router, so the test comparing the two catches a route added to one only.
#include <algorithm>
#include <boost/json/parse.hpp>
#include <cctype>

#include "api/api.hpp"
#include "api/auth_gate.hpp"

namespace weft::api {
namespace {

struct RouteDoc {
  const char* method;
  const char* path;
  const char* tag;
  const char* summary;
  const char* request;   ///< component schema of the JSON body, or ""
  const char* status;    ///< success status
  const char* response;  ///< component schema of the success body, or "" for none
  const char* query;     ///< query parameters: "name:type,…"
};

constexpr RouteDoc kRoutes[] = {
    {"get", "/api/pipelines", "pipelines", "List pipelines", "", "200", "PipelineList", ""},
    {"post", "/api/pipelines", "pipelines", "Create a pipeline", "PipelineDocument", "201",
     "Pipeline", ""},
    {"get", "/api/pipelines/{id}", "pipelines", "Read a pipeline", "", "200", "Pipeline", ""},
    {"put", "/api/pipelines/{id}", "pipelines",
     "Save a new version (the body's `version`, or If-Match, names the version edited; 409 when "
     "stale)",
     "PipelineDocument", "200", "Pipeline", ""},
    {"delete", "/api/pipelines/{id}", "pipelines", "Delete a pipeline and its runs", "", "204", "",
     ""},
    {"get", "/api/pipelines/{id}/versions", "pipelines", "List versions", "", "200", "VersionList",
     ""},
    {"get", "/api/pipelines/{id}/versions/{version}", "pipelines", "Read a version", "", "200",
     "Version", ""},
    {"post", "/api/pipelines/{id}/versions/{version}/restore", "pipelines",
     "Save an old version as the newest", "", "200", "Pipeline", ""},
    {"post", "/api/pipelines/{id}/validate", "pipelines",
     "Validate the body (or the stored pipeline when the body is empty)", "PipelineDocument", "200",
     "Validation", ""},
    {"post", "/api/pipelines/validate", "pipelines", "Validate a pipeline without saving it",
     "PipelineDocument", "200", "Validation", ""},
    {"post", "/api/pipelines/{id}/run", "runs", "Run a pipeline; the body holds its inputs",
     "Inputs", "200", "RunResult", "wait:boolean,timeout_ms:integer"},
    {"post", "/api/pipelines/{id}/test-run", "runs",
     "Editor run (answers at once unless wait=true): pinned outputs stand in for their nodes; "
     "run from a node, or one node alone, reusing an earlier run's outputs upstream",
     "TestRun", "200", "RunResult", "wait:boolean,timeout_ms:integer"},
    {"get", "/api/ws", "live",
     "WebSocket of live run events: send {op: subscribe, execution_id, after} or {op: subscribe, "
     "feed: runs}; each event comes as {seq, type, execution_id, node_id, time, data}",
     "", "101", "", ""},
    {"post", "/api/executions/{id}/retry", "runs",
     "Run a failed execution again from the failed node, reusing what succeeded", "", "200",
     "RunResult", "wait:boolean,timeout_ms:integer"},
    {"get", "/api/executions", "executions", "List executions, newest first", "", "200",
     "ExecutionList",
     "pipeline_id:string,status:string,from:string,to:string,cursor:string,limit:integer"},
    {"get", "/api/executions/{id}", "executions", "Read an execution with its node runs", "", "200",
     "ExecutionDetail", ""},
    {"post", "/api/executions/{id}/cancel", "executions", "Cancel a running execution", "", "202",
     "RunAccepted", ""},
    {"get", "/api/auth/setup", "accounts", "Whether the first owner still has to be set up", "",
     "200", "SetupState", ""},
    {"post", "/api/auth/setup", "accounts", "Create the first owner (only on a new install)",
     "NewAccount", "201", "Session", ""},
    {"post", "/api/auth/register", "accounts", "Sign up (only when the server allows it)",
     "NewAccount", "201", "Session", ""},
    {"post", "/api/auth/login", "accounts", "Log in (429 with Retry-After after repeated failures)",
     "Login", "200", "Session", ""},
    {"post", "/api/auth/refresh", "accounts",
     "Exchange a refresh token for a new session (each is good once)", "RefreshToken", "200",
     "Session", ""},
    {"post", "/api/auth/logout", "accounts", "End the login a refresh token belongs to",
     "RefreshToken", "204", "", ""},
    {"get", "/api/auth/invites/{token}", "accounts", "What an invite link is for", "", "200",
     "Invite", ""},
    {"post", "/api/auth/invites/{token}/accept", "accounts",
     "Join with an invite link (an existing account's password, or a new account)", "NewAccount",
     "200", "Session", ""},
    {"get", "/api/me", "accounts", "The caller, their workspace and role", "", "200", "Me", ""},
    {"post", "/api/me/password", "accounts", "Change the password; other sessions end",
     "PasswordChange", "200", "Session", ""},
    {"get", "/api/audit", "accounts", "The workspace's audit log, newest first", "", "200",
     "AuditPage", "before:integer,limit:integer"},
    {"get", "/api/members", "members", "Members of the workspace", "", "200", "MemberList", ""},
    {"post", "/api/members", "members",
     "Add a member by email (with a password: create the account)", "NewMember", "201", "Member",
     ""},
    {"patch", "/api/members/{user_id}", "members", "Change a member's role", "RoleChange", "200",
     "Member", ""},
    {"delete", "/api/members/{user_id}", "members", "Remove a member (or leave)", "", "204", "",
     ""},
    {"get", "/api/invites", "members", "Pending invite links", "", "200", "InviteList", ""},
    {"post", "/api/invites", "members", "Create an invite link (its token is shown once)",
     "RoleChange", "201", "Invite", ""},
    {"delete", "/api/invites/{id}", "members", "Withdraw an invite link", "", "204", "", ""},
    {"get", "/api/api-keys", "api-keys", "API keys of the workspace", "", "200", "ApiKeyList", ""},
    {"post", "/api/api-keys", "api-keys", "Create an API key (the key is shown once)", "NewApiKey",
     "201", "ApiKey", ""},
    {"delete", "/api/api-keys/{id}", "api-keys", "Revoke an API key", "", "200", "ApiKey", ""},
    {"get", "/api/credential-kinds", "credentials", "Kinds of credential with their schemas", "",
     "200", "CredentialKindList", ""},
    {"get", "/api/credentials", "credentials", "Credentials (names and kinds, never values)", "",
     "200", "CredentialList", ""},
    {"post", "/api/credentials", "credentials", "Create a credential; its values are write-only",
     "NewCredential", "201", "Credential", ""},
    {"get", "/api/credentials/{id}", "credentials", "A credential's metadata", "", "200",
     "Credential", ""},
    {"patch", "/api/credentials/{id}", "credentials",
     "Rename or change fields (an omitted field keeps its value)", "NewCredential", "200",
     "Credential", ""},
    {"delete", "/api/credentials/{id}", "credentials", "Delete a credential", "", "204", "", ""},
    {"get", "/api/settings/providers", "settings",
     "The workspace's own LLM providers (without their keys), then the server's by name and kind",
     "", "200", "ProviderList", ""},
    {"put", "/api/settings/providers", "settings",
     "Replace the workspace's LLM providers (API keys come from the workspace's credentials by id)",
     "ProviderSettings", "200", "ProviderList", ""},
    {"get", "/api/settings/providers/{name}/models", "settings",
     "The models a provider has, asked live (the workspace's provider of that name, else the "
     "server's)",
     "", "200", "ModelList", ""},
    {"get", "/api/server/providers", "server",
     "The server's LLM providers in full, without their keys (server admins)", "", "200",
     "ServerProviderList", ""},
    {"put", "/api/server/providers", "server",
     "Replace the server's LLM providers (server admins; keys from the admin's workspace's "
     "credentials)",
     "ProviderSettings", "200", "ServerProviderList", ""},
    {"get", "/api/server/settings", "server", "Sign-up and the metrics token (server admins)", "",
     "200", "ServerSettings", ""},
    {"put", "/api/server/settings", "server",
     "Change sign-up or the metrics token (server admins; the token is never shown back)",
     "ServerSettingsChange", "200", "ServerSettings", ""},
    {"get", "/api/node-types", "catalogue", "Every block type with its config schema", "", "200",
     "NodeTypeList", ""},
    {"get", "/api/openapi.json", "system", "This document", "", "200", "", ""},
    {"get", "/healthz", "system", "Liveness", "", "200", "Health", ""},
    {"get", "/metrics", "system", "Prometheus metrics (text format)", "", "200", "", ""},
};

constexpr const char* kSchemas = R"json({
  "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "object",
    "required": ["code", "message"], "properties": {"code": {"type": "string"}, "message": {"type": "string"},
    "details": {"type": "array", "items": {"$ref": "#/components/schemas/Problem"}}}}}},
  "Problem": {"type": "object", "properties": {"pointer": {"type": "string"}, "message": {"type": "string"}}},
  "PipelineDocument": {"type": "object", "description": "A pipeline definition (see docs/pipelines.md)",
    "properties": {"id": {"type": "string"}, "name": {"type": "string"}, "version": {"type": "integer"},
    "nodes": {"type": "array", "items": {"type": "object"}}, "edges": {"type": "array", "items": {"type": "object"}}}},
  "PipelineSummary": {"type": "object", "properties": {"id": {"type": "string"}, "name": {"type": "string"},
    "description": {"type": "string"}, "version": {"type": "integer"}, "created_at": {"type": "string", "format": "date-time"},
    "updated_at": {"type": "string", "format": "date-time"}, "last_run_status": {"type": ["string", "null"]}}},
  "Pipeline": {"allOf": [{"$ref": "#/components/schemas/PipelineSummary"}, {"type": "object", "properties": {
    "definition": {"$ref": "#/components/schemas/PipelineDocument"}, "valid": {"type": "boolean"},
    "problems": {"type": "array", "items": {"$ref": "#/components/schemas/Problem"}}}}]},
  "PipelineList": {"type": "object", "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/PipelineSummary"}}}},
  "Version": {"type": "object", "properties": {"pipeline_id": {"type": "string"}, "version": {"type": "integer"},
    "name": {"type": "string"}, "created_at": {"type": "string", "format": "date-time"},
    "definition": {"$ref": "#/components/schemas/PipelineDocument"}}},
  "VersionList": {"type": "object", "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Version"}}}},
  "Validation": {"type": "object", "properties": {"valid": {"type": "boolean"},
    "problems": {"type": "array", "items": {"$ref": "#/components/schemas/Problem"}}}},
  "Inputs": {"type": "object", "description": "Run inputs by input name", "additionalProperties": true},
  "RunResult": {"type": "object", "description": "200 when the run ended within the wait; 202 (RunAccepted) otherwise",
    "properties": {"execution_id": {"type": "string"}, "status": {"type": "string"},
    "outputs": {"type": "object"}, "error": {"type": ["object", "null"]}}},
  "TestRun": {"type": "object", "additionalProperties": false, "properties": {
    "inputs": {"type": "object", "description": "Run inputs; default: those of from_execution"},
    "use_pinned": {"type": "boolean", "default": true, "description": "Use the definition's pinned outputs"},
    "from_execution": {"type": "string", "description": "Whose recorded outputs to reuse; default: the newest run"},
    "from_node": {"type": "string", "description": "Run this node and what follows; reuse the rest"},
    "only_node": {"type": "string", "description": "Run only this node, with the inputs it last received"}}},
  "RunAccepted": {"type": "object", "properties": {"execution_id": {"type": "string"}, "status": {"type": "string"}}},
  "Execution": {"type": "object", "properties": {"id": {"type": "string"}, "pipeline_id": {"type": "string"},
    "pipeline_version": {"type": "integer"},
    "status": {"enum": ["queued", "running", "succeeded", "failed", "cancelled", "interrupted"]},
    "inputs": {"type": "object"}, "outputs": {"type": ["object", "null"]}, "error": {"type": ["object", "null"]},
    "retry_of": {"type": ["string", "null"]}, "created_at": {"type": "string", "format": "date-time"},
    "finished_at": {"type": ["string", "null"], "format": "date-time"}, "duration_ms": {"type": "number"}}},
  "NodeRun": {"type": "object", "properties": {"node_id": {"type": "string"}, "type": {"type": "string"},
    "status": {"type": "string"}, "attempts": {"type": "integer"}, "started_at": {"type": ["string", "null"]},
    "finished_at": {"type": ["string", "null"]}, "duration_ms": {"type": "number"}, "output": {},
    "error": {"type": ["object", "null"]}, "logs": {"type": "array", "items": {"type": "object"}},
    "handles": {"type": "array", "items": {"type": "string"}}}},
  "ExecutionDetail": {"allOf": [{"$ref": "#/components/schemas/Execution"}, {"type": "object", "properties": {
    "node_runs": {"type": "array", "items": {"$ref": "#/components/schemas/NodeRun"}}}}]},
  "ExecutionList": {"type": "object", "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Execution"}},
    "next_cursor": {"type": ["string", "null"]}}},
  "NodeType": {"type": "object", "properties": {"type": {"type": "string"}, "category": {"type": "string"},
    "title": {"type": "string"}, "description": {"type": "string"}, "icon": {"type": "string"},
    "version": {"type": "integer"}, "config_schema": {"type": "object"}, "output_example": {},
    "inputs": {"type": "array", "items": {"type": "string"}}, "outputs": {"type": "array", "items": {"type": "string"}}}},
  "NodeTypeList": {"type": "object", "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/NodeType"}}}},
  "SetupState": {"type": "object", "properties": {"needs_setup": {"type": "boolean"}}},
  "NewAccount": {"type": "object", "required": ["email", "password"], "properties": {
    "email": {"type": "string"}, "password": {"type": "string", "writeOnly": true}, "name": {"type": "string"}}},
  "Login": {"type": "object", "required": ["email", "password"], "properties": {"email": {"type": "string"},
    "password": {"type": "string", "writeOnly": true}, "workspace": {"type": "string"}}},
  "RefreshToken": {"type": "object", "required": ["refresh_token"], "properties": {
    "refresh_token": {"type": "string"}, "workspace": {"type": "string"}}},
  "PasswordChange": {"type": "object", "required": ["old_password", "new_password"], "properties": {
    "old_password": {"type": "string", "writeOnly": true}, "new_password": {"type": "string", "writeOnly": true}}},
  "User": {"type": "object", "properties": {"id": {"type": "string"}, "email": {"type": "string"},
    "name": {"type": "string"}, "created_at": {"type": "string", "format": "date-time"},
    "server_admin": {"type": "boolean"}}},
  "Workspace": {"type": "object", "properties": {"id": {"type": "string"}, "name": {"type": "string"},
    "role": {"enum": ["owner", "admin", "editor", "viewer"]}}},
  "Session": {"type": "object", "properties": {"token_type": {"const": "Bearer"}, "access_token": {"type": "string"},
    "expires_at": {"type": "string"}, "expires_in": {"type": "integer"}, "refresh_token": {"type": "string"},
    "refresh_expires_at": {"type": "string"}, "user": {"$ref": "#/components/schemas/User"},
    "workspace": {"$ref": "#/components/schemas/Workspace"}}},
  "Me": {"type": "object", "properties": {"user": {"$ref": "#/components/schemas/User"},
    "workspace": {"$ref": "#/components/schemas/Workspace"},
    "workspaces": {"type": "array", "items": {"$ref": "#/components/schemas/Workspace"}},
    "api_key_id": {"type": ["string", "null"]}}},
  "AuditPage": {"type": "object", "properties": {"items": {"type": "array", "items": {"type": "object"}},
    "next_before": {"type": "integer"}}},
  "Member": {"type": "object", "properties": {"user_id": {"type": "string"}, "email": {"type": "string"},
    "name": {"type": "string"}, "role": {"type": "string"}, "joined_at": {"type": "string"}}},
  "MemberList": {"type": "object", "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Member"}}}},
  "NewMember": {"type": "object", "required": ["email", "role"], "properties": {"email": {"type": "string"},
    "role": {"type": "string"}, "password": {"type": "string", "writeOnly": true}, "name": {"type": "string"}}},
  "RoleChange": {"type": "object", "required": ["role"], "properties": {"role": {"type": "string"},
    "email": {"type": "string"}}},
  "Invite": {"type": "object", "properties": {"id": {"type": "string"}, "workspace_id": {"type": "string"},
    "workspace_name": {"type": "string"}, "role": {"type": "string"}, "email": {"type": ["string", "null"]},
    "token": {"type": "string", "description": "Only in the creation answer"}, "expires_at": {"type": "string"}}},
  "InviteList": {"type": "object", "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Invite"}}}},
  "NewApiKey": {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"},
    "scope": {"enum": ["run", "full"]}, "pipeline_id": {"type": "string"}}},
  "ApiKey": {"type": "object", "properties": {"id": {"type": "string"}, "name": {"type": "string"},
    "prefix": {"type": "string"}, "scope": {"type": "string"}, "pipeline_id": {"type": ["string", "null"]},
    "key": {"type": "string", "description": "Only in the creation answer"},
    "last_used_at": {"type": ["string", "null"]}, "revoked_at": {"type": ["string", "null"]}}},
  "ApiKeyList": {"type": "object", "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/ApiKey"}}}},
  "CredentialKindList": {"type": "object", "properties": {"items": {"type": "array", "items": {"type": "object"}}}},
  "NewCredential": {"type": "object", "properties": {"name": {"type": "string"}, "kind": {"type": "string"},
    "data": {"type": "object", "writeOnly": true}}},
  "Credential": {"type": "object", "properties": {"id": {"type": "string"}, "name": {"type": "string"},
    "kind": {"type": "string"}, "fields": {"type": "array", "items": {"type": "string"}},
    "created_at": {"type": "string"}, "updated_at": {"type": "string"}}},
  "CredentialList": {"type": "object", "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Credential"}}}},
  "ProviderList": {"type": "object", "required": ["items"], "properties": {"items": {"type": "array", "items": {"type": "object",
    "required": ["name", "kind", "source"],
    "properties": {"name": {"type": "string"}, "kind": {"enum": ["ollama", "openai"]}, "base_url": {"type": "string"},
    "has_api_key": {"type": "boolean"}, "credential": {"type": "string"}, "problem": {"type": "string"},
    "source": {"enum": ["workspace", "server"]}}}}}},
  "ServerProviderList": {"type": "object", "required": ["items"], "properties": {"items": {"type": "array", "items": {"type": "object",
    "required": ["name", "kind", "base_url", "has_api_key", "credential", "source"],
    "properties": {"name": {"type": "string"}, "kind": {"enum": ["ollama", "openai"]}, "base_url": {"type": "string"},
    "has_api_key": {"type": "boolean"}, "credential": {"type": "string"}, "source": {"enum": ["environment", "settings"]}}}}}},
  "ProviderSettings": {"type": "object", "required": ["items"], "properties": {"items": {"type": "array", "maxItems": 64, "items": {
    "type": "object", "required": ["name", "kind", "base_url"], "additionalProperties": false, "properties": {
    "name": {"type": "string", "pattern": "^[A-Za-z0-9_-]{1,64}$"}, "kind": {"enum": ["ollama", "openai"]},
    "base_url": {"type": "string", "pattern": "^https?://", "maxLength": 2048},
    "credential": {"type": "string", "maxLength": 128}}}}}},
  "ServerSettings": {"type": "object", "required": ["allow_signup", "metrics_token_set"], "properties": {
    "allow_signup": {"type": "boolean"}, "metrics_token_set": {"type": "boolean"}}},
  "ServerSettingsChange": {"type": "object", "additionalProperties": false, "properties": {
    "allow_signup": {"type": "boolean"},
    "metrics_token": {"type": ["string", "null"], "minLength": 16, "maxLength": 200, "writeOnly": true}}},
  "ModelList": {"type": "object", "properties": {"items": {"type": "array", "items": {"type": "object",
    "properties": {"id": {"type": "string"}, "details": {"type": "object"}}}}}},
  "Health": {"type": "object", "properties": {"status": {"type": "string"}, "runs_in_flight": {"type": "integer"}}}
})json";

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
    const auto close = path.find('}', open);
    out.push_back(json::object{{"name", path.substr(open + 1, close - open - 1)},
                               {"in", "path"},
                               {"required", true},
                               {"schema", json::object{{"type", "string"}}}});
  }
  std::string_view query = route.query;
  while (!query.empty()) {
    const auto comma = query.find(',');
    const auto item = query.substr(0, comma);
    const auto colon = item.find(':');
    out.push_back(json::object{{"name", item.substr(0, colon)},
                               {"in", "query"},
                               {"required", false},
                               {"schema", json::object{{"type", item.substr(colon + 1)}}}});
    query = comma == std::string_view::npos ? "" : query.substr(comma + 1);
  }
  return out;
}

json::object operation(const RouteDoc& route) {
  std::string method(route.method);
  std::transform(method.begin(), method.end(), method.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  json::object op{{"tags", json::array{route.tag}},
                  {"summary", route.summary},
                  {"operationId", std::string(route.method) + std::string(route.path)}};
  if (is_public_route(method, route.path)) {
    op["security"] = json::array{};  // answers without a caller
  }
  if (auto params = parameters(route); !params.empty()) {
    op["parameters"] = std::move(params);
  }
  if (*route.request != '\0') {
    op["requestBody"] = json::object{{"required", false}, {"content", json_content(route.request)}};
  }
  json::object success{{"description", route.summary}};
  if (*route.response != '\0') {
    success["content"] = json_content(route.response);
  }
  json::object responses{{route.status, std::move(success)}};
  if (std::string_view(route.response) == "RunResult") {
    responses["202"] = json::object{{"description", "The run goes on; poll the execution"},
                                    {"content", json_content("RunAccepted")}};
  }
  responses["default"] =
      json::object{{"description", "An error"}, {"content", json_content("Error")}};
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
       json::object{{"schemas", json::parse(kSchemas)},
                    {"securitySchemes",
                     json::object{{"bearer", json::object{{"type", "http"},
                                                          {"scheme", "bearer"},
                                                          {"description",
                                                           "An access token from /api/auth/login, "
                                                           "or an API key (wft_…)"}}}}}}}};
}

}  // namespace weft::api
