// Starting runs: POST /api/pipelines/{id}/run and POST /api/executions/{id}/retry,
// each answering at once (wait=false, 202) or when the run ends (wait=true).
#include <algorithm>

#include "api/handlers/run_start.hpp"
#include "api/handlers/support.hpp"
#include "api/run_body.hpp"
#include "engine/engine.hpp"
#include "runs/node_records.hpp"

namespace weft::api {
namespace {

namespace asio = boost::asio;

asio::awaitable<Response> run_pipeline(ApiContext& context, Request& request) {
  const std::string_view workspace = workspace_of(request);
  auto stored = context.store.get_pipeline(workspace, request.param("id"));
  if (!stored) {
    co_return Response::from_error(stored.error());
  }
  // JSON, or multipart with files (stored before the run is checked: an
  // upload no run uses goes after a day).
  auto inputs = read_run_inputs(context, request, workspace, BodyRules{});
  if (!inputs) {
    co_return Response::from_error(inputs.error());
  }
  Problems problems;
  auto pipeline =
      compiled_version(context, {workspace, stored->id, stored->version, stored->updated_at},
                       stored->definition, problems);
  if (!pipeline) {
    co_return invalid_pipeline(pipeline.error(), problems);
  }
  if (auto bad = check_run_inputs(**pipeline, *inputs)) {
    co_return std::move(*bad);
  }
  runs::Job job = runs::job_for(workspace, stored->id, stored->version, **pipeline,
                                std::move(*inputs), runs::Trigger::api);
  // Named, not a temporary in the co_await expression: gcc 12 destroys such
  // a temporary twice.
  runs::Submission submission{std::move(job), std::move(*pipeline)};
  co_return co_await submit_run(context, request, std::move(submission));
}

asio::awaitable<Response> retry_execution(ApiContext& context, Request& request) {
  const std::string_view workspace = workspace_of(request);
  auto execution = context.store.get_execution(workspace, request.param("id"));
  if (!execution) {
    co_return Response::from_error(execution.error());
  }
  const std::string& status = execution->status;
  if (status != "failed" && status != "cancelled" && status != "interrupted") {
    co_return Response::error(
        409, "conflict",
        "only failed, cancelled or interrupted runs can be retried; this one is " + status);
  }
  auto version =
      context.store.get_version(workspace, execution->pipeline_id, execution->pipeline_version);
  if (!version) {
    co_return Response::from_error(version.error());
  }
  Problems problems;
  auto pipeline = compiled_version(
      context,
      {workspace, execution->pipeline_id, execution->pipeline_version, version->created_at},
      version->definition, problems);
  if (!pipeline) {
    co_return invalid_pipeline(pipeline.error(), problems);
  }
  auto node_runs = context.store.list_node_runs(workspace, execution->id);
  if (!node_runs) {
    co_return Response::from_error(node_runs.error());
  }
  const bool damaged =
      execution->unreadable ||
      std::any_of(node_runs->begin(), node_runs->end(), [](const auto& n) { return n.unreadable; });
  if (damaged) {
    co_return Response::from_error(unreadable_execution(execution->id));
  }
  runs::Job job =
      runs::job_for(workspace, execution->pipeline_id, execution->pipeline_version, **pipeline,
                    execution->inputs.is_object() ? execution->inputs.get_object() : json::object{},
                    runs::Trigger::retry);
  job.retry_of = execution->id;
  // Nodes that succeeded keep their outputs; the failed node and what follows run again.
  std::unordered_map<std::string, engine::ReusedOutput> reuse;
  for (const auto& node : *node_runs) {
    if (node.status == "succeeded") {
      reuse.emplace(node.node_id, runs::reused_output(node));
    }
  }
  runs::Submission submission{std::move(job), std::move(*pipeline), std::move(reuse)};
  co_return co_await submit_run(context, request, std::move(submission));
}

}  // namespace

void add_run_routes(Router& router, ApiContext& context) {
  ApiContext* ctx = &context;
  router.add("POST", "/api/pipelines/{id}/run",
             [ctx](Request& request) { return run_pipeline(*ctx, request); });
  router.add("POST", "/api/executions/{id}/retry",
             [ctx](Request& request) { return retry_execution(*ctx, request); });
}

}  // namespace weft::api
