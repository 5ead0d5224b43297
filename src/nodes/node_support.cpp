#include "nodes/node_support.hpp"

#include <boost/json/parse.hpp>

namespace weft::nodes {

json::value literal(std::string_view text) {
  return json::parse(text);
}

std::string text_of(const json::value& output) {
  if (output.is_string()) {
    return std::string(output.get_string());
  }
  if (const auto* object = output.if_object()) {
    if (const auto* text = object->if_contains("text"); text != nullptr && text->is_string()) {
      return std::string(text->get_string());
    }
  }
  return to_json_string(output);
}

json::value upstream_value(const NodeContext& context) {
  const auto& upstream = context.upstream();
  if (upstream.size() == 1) {
    return *upstream.front().output;
  }
  json::object merged;
  for (const auto& u : upstream) {
    merged[u.node_id] = *u.output;
  }
  return merged;
}

}  // namespace weft::nodes
