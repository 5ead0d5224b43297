#include "pipeline/topological_order.hpp"

#include <algorithm>
#include <cstdint>

namespace weft::pipeline {
namespace {

// Follows edges among the nodes Kahn's algorithm could not place until a node
// repeats; every such node has an unplaced predecessor, so a cycle exists.
std::vector<std::size_t> find_cycle(std::size_t node_count,
                                    const std::vector<std::vector<std::size_t>>& preds,
                                    const std::vector<bool>& placed) {
  std::size_t start = node_count;
  for (std::size_t i = 0; i < node_count; ++i) {
    if (!placed[i]) {
      start = i;
      break;
    }
  }
  std::vector<std::size_t> seen_at(node_count, SIZE_MAX);
  std::vector<std::size_t> walk;
  std::size_t current = start;
  while (seen_at[current] == SIZE_MAX) {
    seen_at[current] = walk.size();
    walk.push_back(current);
    for (std::size_t p : preds[current]) {
      if (!placed[p]) {
        current = p;
        break;
      }
    }
  }
  // Walking predecessors gives the cycle backwards.
  std::vector<std::size_t> cycle(walk.begin() + static_cast<std::ptrdiff_t>(seen_at[current]),
                                 walk.end());
  std::reverse(cycle.begin(), cycle.end());
  // Start from the earliest node so the message reads like the definition.
  std::rotate(cycle.begin(), std::min_element(cycle.begin(), cycle.end()), cycle.end());
  return cycle;
}

}  // namespace

OrderResult topological_order(std::size_t node_count,
                              const std::vector<std::pair<std::size_t, std::size_t>>& edges) {
  std::vector<std::size_t> indegree(node_count, 0);
  std::vector<std::vector<std::size_t>> succs(node_count);
  std::vector<std::vector<std::size_t>> preds(node_count);
  for (auto [source, target] : edges) {
    succs[source].push_back(target);
    preds[target].push_back(source);
    ++indegree[target];
  }
  OrderResult result;
  result.order.reserve(node_count);
  for (std::size_t i = 0; i < node_count; ++i) {
    if (indegree[i] == 0) {
      result.order.push_back(i);
    }
  }
  for (std::size_t head = 0; head < result.order.size(); ++head) {
    for (std::size_t next : succs[result.order[head]]) {
      if (--indegree[next] == 0) {
        result.order.push_back(next);
      }
    }
  }
  if (result.order.size() < node_count) {
    std::vector<bool> placed(node_count, false);
    for (std::size_t i : result.order) {
      placed[i] = true;
    }
    result.cycle = find_cycle(node_count, preds, placed);
  }
  return result;
}

}  // namespace weft::pipeline
