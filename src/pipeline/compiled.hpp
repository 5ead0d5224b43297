#pragma once
// A validated pipeline version, ready to run: immutable, shared by all its
// runs (STYLE: definition versus run). Built only by compile_pipeline().

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "pipeline/model.hpp"
#include "pipeline/node_kind.hpp"

namespace weft::pipeline {

struct CompiledEdge {
  std::size_t source = 0;
  std::size_t target = 0;
  std::string source_handle;
  std::string target_handle;
};

struct CompiledNode {
  const NodeDef* def = nullptr;  ///< points into the owning graph's definition
  const NodeKind* kind = nullptr;
  std::unique_ptr<const NodeConfig> config;
  std::optional<std::string> output_name;  ///< set for output nodes
  std::vector<std::size_t> in_edges;       ///< indexes into CompiledGraph::edges
  std::vector<std::size_t> out_edges;
};

/// Nodes and edges of a pipeline or of a loop body. Not copyable or movable:
/// nodes point into `definition`.
class CompiledGraph {
 public:
  CompiledGraph() = default;
  CompiledGraph(const CompiledGraph&) = delete;
  CompiledGraph& operator=(const CompiledGraph&) = delete;

  Definition definition;
  std::vector<CompiledNode> nodes;
  std::vector<CompiledEdge> edges;
  std::vector<std::size_t> order;  ///< a topological order of `nodes`
  std::unordered_map<std::string, std::size_t> index;

  std::optional<std::size_t> find(std::string_view id) const {
    auto it = index.find(std::string(id));
    return it == index.end() ? std::nullopt : std::optional(it->second);
  }
  /// Whether the run's outputs come from output nodes (else from sinks).
  bool has_output_nodes() const;
};

}  // namespace weft::pipeline
