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

/// Where a field left empty takes its value from the blocks connected into
/// the node: exactly one of them (`one`), or all of them (`any`).
enum class Fallback { one, any };

/// Reads template field `key` (shown as `label`) that, left empty, stands for
/// what is connected into the node. A blank field counts as empty. Records a
/// problem, and returns false, when the field is broken or would be empty at
/// run time because nothing (or, for Fallback::one, more than one block) is
/// connected: the run would fail or say nothing, so validation says it first.
bool read_text_or_upstream(pipeline::ConfigReader& reader, std::string_view key,
                           std::string_view label, Fallback fallback,
                           std::optional<expr::Template>& out);

}  // namespace weft::nodes
