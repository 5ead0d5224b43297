#include "nodes/response_output.hpp"

#include "nodes/node_type.hpp"

namespace weft::nodes {

std::optional<std::string> response_output(const pipeline::CompiledGraph& graph) {
  for (const auto& node : graph.nodes) {
    const auto& type = static_cast<const NodeType&>(*node.kind);
    if (type.descriptor().shapes_response && node.output_name) {
      return node.output_name;
    }
  }
  return std::nullopt;
}

}  // namespace weft::nodes
