#pragma once
// Runs one node of a GraphRun: attempts, per-node timeout, retries with
// backoff, cancellation; and the NodeContext the node sees.

#include <memory>

#include "engine/graph_run.hpp"

namespace weft::engine {

/// Starts node `node` of `graph` on the graph's executor; calls
/// GraphRun::on_node_done when it has settled.
void start_node(std::shared_ptr<GraphRun> graph, std::size_t node);

}  // namespace weft::engine
