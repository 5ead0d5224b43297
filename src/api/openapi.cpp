// The OpenAPI 3.1 document, written from the route table (openapi_routes.cpp).
// Statuses that follow from a route's shape (401/403 without a caller, 400
// and 413 with a body, 404 with a path parameter, …) are added by the rules
// in `error_statuses`, so an entry lists only the ones particular to it.
#include <algorithm>
#include <cctype>
#include <set>

#include "api/api.hpp"
#include "api/auth_gate.hpp"
#include "api/openapi_routes.hpp"
#include "api/openapi_schemas.hpp"

namespace weft::api {
namespace {

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
      {"415", "A body of a kind this route does not take (see its Content-Type)"},
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
    for (const auto& target : route_docs()) {
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
  } else if (path == "/api/files/{id}") {
    success["content"] = json::object{
        {"application/octet-stream",
         json::object{{"schema", json::object{{"type", "string"}, {"format", "binary"}}}}}};
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
    json::object content = json_content(route.request);
    if (std::string_view(route.request) == "Inputs" ||
        std::string_view(route.request) == "Upload") {
      // Run inputs and uploads may come as multipart/form-data: fields as
      // text, file parts stored and passed on as file values (run_body.hpp).
      content =
          json::object{{"multipart/form-data", json::object{{"schema", ref("MultipartInputs")}}}};
      if (std::string_view(route.request) == "Inputs") {
        content["application/json"] = json::object{{"schema", ref("Inputs")}};
      }
    }
    op["requestBody"] =
        json::object{{"required", route.body == Body::required}, {"content", std::move(content)}};
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
  for (const auto& route : route_docs()) {
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
