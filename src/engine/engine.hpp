#pragma once
// Executes one pipeline run (DESIGN §5) as a coroutine on the caller's
// executor. The executor must be a strand or a single-threaded io_context:
// all of a run's state is touched only from it, which is what makes the
// scheduler lock-free.

#include <boost/asio/awaitable.hpp>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "common/json.hpp"
#include "engine/events.hpp"
#include "engine/run_result.hpp"
#include "engine/run_shared.hpp"
#include "nodes/node_services.hpp"
#include "pipeline/compiled.hpp"

namespace weft::engine {

struct RunOptions {
  std::string execution_id;
  json::object inputs;
  EventSink* events = nullptr;  ///< optional; must outlive the run
  /// Top-level nodes not to run again, by id.
  std::unordered_map<std::string, ReusedOutput> reuse;
  /// Called on the run's executor each time a top-level node settles
  /// (succeeded, failed, skipped, cancelled), e.g. to persist it.
  std::function<void(const NodeRun&)> on_node_settled;
  /// Top-level nodes to mark skipped without running (running one node alone).
  std::unordered_set<std::string> skip;
  /// The workspace whose credentials the run may open.
  std::string workspace;
};

class Engine {
 public:
  /// What nodes reach beyond their run; `services.http` is required, and
  /// every service must outlive the engine.
  explicit Engine(nodes::NodeServices services) : services_(services) {}

  /// Runs `pipeline` to the end and returns its result. Emitting terminal
  /// cancellation on the awaiting coroutine's slot cancels the run: in-flight
  /// waits and HTTP calls are interrupted and the result is `cancelled`.
  boost::asio::awaitable<RunResult> run(std::shared_ptr<const pipeline::CompiledGraph> pipeline,
                                        RunOptions options) const;

 private:
  const nodes::NodeServices services_;
};

/// Problems with `inputs` for `pipeline`'s input nodes (one per bad or missing
/// field, pointer `/name`), without running anything.
Problems check_inputs(const pipeline::CompiledGraph& pipeline, const json::object& inputs);

}  // namespace weft::engine
