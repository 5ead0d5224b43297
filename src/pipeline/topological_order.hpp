#pragma once
// Kahn's algorithm over a node/edge list by index.

#include <cstddef>
#include <utility>
#include <vector>

namespace weft::pipeline {

struct OrderResult {
  std::vector<std::size_t> order;  ///< every node not on or behind a cycle, dependencies first
  std::vector<std::size_t> cycle;  ///< one cycle, in edge order, when there is one
};

/// `edges` are (source, target) pairs over nodes 0..node_count-1.
OrderResult topological_order(std::size_t node_count,
                              const std::vector<std::pair<std::size_t, std::size_t>>& edges);

}  // namespace weft::pipeline
