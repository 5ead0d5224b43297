#pragma once
// The schemas of the OpenAPI document: request and answer bodies, and the
// parameters shared by several routes. Each says what the server checks, no
// more and no less, so that an outside client generating requests from the
// document is refused exactly when it breaks it (scripts/schemathesis).

#include "common/json.hpp"

namespace weft::api {

/// `components.schemas`: every body, plus one entry per credential kind.
json::object openapi_schemas();

/// The schema of a path parameter, by the route's path and the parameter's name.
json::object path_parameter_schema(std::string_view path, std::string_view name);

/// The schema of a query parameter or request header, by its name.
json::object query_parameter_schema(std::string_view name);

}  // namespace weft::api
