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

namespace weft::nodes {

bool read_text_or_upstream(pipeline::ConfigReader& reader, std::string_view key,
                           std::string_view label, Fallback fallback,
                           std::optional<expr::Template>& out) {
  const auto text = reader.string(key);
  if (text && text->find_first_not_of(" \t\r\n") != std::string::npos) {
    out = reader.text_template(key);
    return out.has_value();
  }
  out.reset();
  const std::size_t connected = reader.connected();
  if (connected == 0) {
    reader.problem(key, std::string(label) +
                            " is empty and no block is connected into this one to give it; "
                            "write it, or connect the block whose text it should be");
    return false;
  }
  if (connected > 1 && fallback == Fallback::one) {
    reader.problem(key, std::string(label) +
                            " is empty, so it would be the text of the block connected into this "
                            "one, but " +
                            std::to_string(connected) + " are; write it");
    return false;
  }
  return true;
}

}  // namespace weft::nodes
