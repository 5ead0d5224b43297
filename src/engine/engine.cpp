#include "engine/engine.hpp"

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>

#include "engine/graph_run.hpp"

namespace weft::engine {

namespace asio = boost::asio;
using std::chrono::system_clock;

asio::awaitable<RunResult> Engine::run(std::shared_ptr<const pipeline::CompiledGraph> pipeline,
                                       RunOptions options) const {
  auto executor = co_await asio::this_coro::executor;
  RunShared shared;
  shared.execution_id = std::move(options.execution_id);
  shared.inputs = std::move(options.inputs);
  shared.vars = pipeline->definition.variables;
  shared.services = &services_;
  shared.workspace = std::move(options.workspace);
  shared.events = options.events;
  shared.reuse = std::move(options.reuse);
  shared.skip = std::move(options.skip);
  shared.on_node_settled = std::move(options.on_node_settled);

  RunResult result;
  result.execution_id = shared.execution_id;
  result.started_at = system_clock::now();
  shared.emit(
      "run.started", "",
      {{"pipeline_id", pipeline->definition.id}, {"version", pipeline->definition.version}});

  auto graph = std::make_shared<GraphRun>(shared, *pipeline, GraphPlace{}, executor);
  const auto limit = pipeline->definition.settings.timeout;
  asio::steady_timer deadline(executor, limit);
  deadline.async_wait([graph, limit](boost::system::error_code ec) {
    if (!ec) {
      Error error = Error::make(ErrorCode::timeout, "the run did not finish within " +
                                                        std::to_string(limit.count()) + " ms");
      graph->stop(std::move(error), RunStatus::failed);
    }
  });
  GraphOutcome outcome = co_await graph->run();
  deadline.cancel();

  result.status = outcome.status;
  result.outputs = std::move(outcome.outputs);
  result.error = std::move(outcome.error);
  for (const auto& state : graph->states()) {
    result.nodes.push_back(state.record);
  }
  result.finished_at = system_clock::now();
  json::object data{
      {"status", to_string(result.status)},
      {"outputs", result.outputs},
      {"duration_ms",
       std::chrono::duration<double, std::milli>(result.finished_at - result.started_at).count()}};
  if (result.error) {
    data["error"] = to_json(*result.error);
  }
  result.usage = shared.usage;
  if (!result.usage.empty()) {
    data["usage"] = to_json(result.usage);
  }
  shared.emit("run.finished", "", std::move(data));
  co_return result;
}

Problems check_inputs(const pipeline::CompiledGraph& pipeline, const json::object& inputs) {
  Problems problems;
  for (const auto& node : pipeline.nodes) {
    const auto& type = static_cast<const nodes::NodeType&>(*node.kind);
    auto found = type.check_input(*node.config, inputs);
    problems.insert(problems.end(), found.begin(), found.end());
  }
  return problems;
}

}  // namespace weft::engine
