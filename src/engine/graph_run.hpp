#pragma once
// Runs one compiled graph — a pipeline, or one iteration of a loop body —
// to the end: readiness, skips, concurrency, failure handling.

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <deque>
#include <memory>
#include <optional>
#include <vector>

#include "engine/latch.hpp"
#include "engine/run_result.hpp"
#include "engine/run_shared.hpp"
#include "expr/expr.hpp"
#include "nodes/node_type.hpp"
#include "pipeline/compiled.hpp"

namespace weft::engine {

/// Where a graph sits: the whole run, or one item of a loop.
struct GraphPlace {
  const expr::Scope* outer = nullptr;  ///< names of the enclosing graph (loop bodies)
  std::optional<json::value> item;
  json::value index;
  bool emit_events = true;  ///< loop bodies stay quiet; their loop node reports progress
};

struct NodeState {
  NodeRun record;
  NodeStatus& status() { return record.status; }
  std::size_t unsettled_inputs = 0;
  std::size_t taken_inputs = 0;
  std::unique_ptr<boost::asio::cancellation_signal> signal;  ///< set while running
  bool timed_out = false;
};

struct GraphOutcome {
  RunStatus status = RunStatus::succeeded;
  json::object outputs;
  std::optional<Error> error;
};

class GraphRun : public std::enable_shared_from_this<GraphRun>, private expr::Scope {
 public:
  GraphRun(RunShared& shared, const pipeline::CompiledGraph& graph, GraphPlace place,
           boost::asio::any_io_executor executor);

  /// Runs every node; completes when all have settled. Cancelling the awaiting
  /// coroutine stops the graph (status cancelled).
  boost::asio::awaitable<GraphOutcome> run();

  /// Stops the graph: running nodes are cancelled, pending ones not started.
  void stop(Error reason, RunStatus status);

  const std::vector<NodeState>& states() const { return states_; }
  const expr::Scope& scope() const { return *this; }

 private:
  friend class NodeRunner;
  friend void start_node(std::shared_ptr<GraphRun> graph, std::size_t node);

  // expr::Scope
  const json::value* find(std::string_view name) const override;
  const json::value* find_node(std::string_view id) const override;
  void for_each_name(const std::function<void(std::string_view)>& visit) const override;

  void launch_ready();
  /// Settles `node` with an output from an earlier run, if the run has one for it.
  bool reuse_output(std::size_t node);
  void settle(std::size_t node);
  void skip(std::size_t node);
  /// Skips a node held back by RunShared::skip, then carries on.
  void skip_held(std::size_t node);
  void release_edges(std::size_t node);
  bool edge_taken(const pipeline::CompiledEdge& edge) const;
  void on_node_done(std::size_t node);
  bool done() const;
  void finish_pending();
  GraphOutcome outcome() const;

  RunShared& shared_;
  const pipeline::CompiledGraph& graph_;
  GraphPlace place_;
  boost::asio::any_io_executor executor_;
  std::vector<NodeState> states_;
  std::deque<std::size_t> ready_;
  std::size_t running_ = 0;
  std::size_t settled_ = 0;
  bool stopping_ = false;
  RunStatus stop_status_ = RunStatus::failed;
  std::optional<Error> stop_reason_;
  Latch latch_;
};

}  // namespace weft::engine
