#pragma once
// Small helpers shared by node implementations.

#include <string>
#include <string_view>

#include "common/json.hpp"
#include "nodes/node_type.hpp"

namespace weft::nodes {

/// Parses a JSON literal embedded in a node file (schemas, examples).
json::value literal(std::string_view text);

/// The text of an upstream output: its `text` field when it is a string,
/// otherwise the output as JSON. Used for "defaults to the upstream text".
std::string text_of(const json::value& output);

/// The single upstream output, or an object keyed by node id when there are several.
json::value upstream_value(const NodeContext& context);

}  // namespace weft::nodes
