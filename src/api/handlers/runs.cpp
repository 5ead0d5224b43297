// Starting runs: POST /api/pipelines/{id}/run and POST /api/executions/{id}/retry,
// each answering at once (wait=false, 202) or when the run ends (wait=true).
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "api/handlers/support.hpp"
#include "engine/engine.hpp"

namespace weft::api {
namespace {

namespace asio = boost::asio;

/// Hands a finished run from the run's strand to the waiting request's strand.
struct Waiter {
  explicit Waiter(const asio::any_io_executor& executor) : timer(executor) {}
  std::mutex mutex;  // guards summary
  std::optional<RunSummary> summary;
  asio::steady_timer timer;  // touched only on the request's executor
};

Response accepted(const std::string& id) {
  return Response::json(202, json::object{{"execution_id", id}, {"status", "running"}});
}

Response finished(const RunSummary& summary) {
  return Response::json(200, json::object{{"execution_id", summary.execution_id},
                                          {"status", summary.status},
                                          {"outputs", summary.outputs},
                                          {"error", summary.error}});
}

// Starts `run` and answers per the request's `wait` / `timeout_ms` parameters.
asio::awaitable<Response> start_run(ApiContext& context, Request& request, RunRequest run) {
  auto wait = query_bool(request, "wait", true);
  auto limit = query_int(request, "timeout_ms", 1, context.max_wait.count());
  if (!wait || !limit) {
    co_return Response::from_error(!wait ? wait.error() : limit.error());
  }
  auto executor = co_await asio::this_coro::executor;
  auto waiter = std::make_shared<Waiter>(executor);
  auto on_finished = [waiter](const RunSummary& summary) {
    {
      std::lock_guard lock(waiter->mutex);
      waiter->summary = summary;
    }
    asio::post(waiter->timer.get_executor(), [waiter] { waiter->timer.cancel(); });
  };
  auto id = context.runs.start(
      std::move(run), *wait ? std::move(on_finished) : std::function<void(const RunSummary&)>{});
  if (!id) {
    co_return Response::from_error(id.error());
  }
  if (!*wait) {
    co_return accepted(*id);
  }
  waiter->timer.expires_after(limit->has_value() ? std::chrono::milliseconds(**limit)
                                                 : context.max_wait);
  {
    std::lock_guard lock(waiter->mutex);
    if (waiter->summary) {
      co_return finished(*waiter->summary);
    }
  }
  boost::system::error_code ec;
  co_await waiter->timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
  std::lock_guard lock(waiter->mutex);
  co_return waiter->summary ? finished(*waiter->summary) : accepted(*id);
}

Result<std::shared_ptr<const pipeline::CompiledGraph>> compiled(
    ApiContext& context, std::string_view workspace, std::string_view id, std::int64_t version,
    const json::value& definition, Problems& problems) {
  auto outcome = context.pipelines.get(workspace, id, version, definition);
  if (!outcome.pipeline) {
    problems = std::move(outcome.problems);
    return Error::make(ErrorCode::invalid_input, "pipeline `" + std::string(id) + "` version " +
                                                     std::to_string(version) +
                                                     " has problems; fix them before running it");
  }
  return outcome.pipeline;
}

asio::awaitable<Response> run_pipeline(ApiContext& context, Request& request) {
  const std::string_view workspace = workspace_of(request);
  auto stored = context.store.get_pipeline(workspace, request.param("id"));
  if (!stored) {
    co_return Response::from_error(stored.error());
  }
  auto inputs = body_object(request, context.limits, true);
  if (!inputs) {
    co_return Response::from_error(inputs.error());
  }
  Problems problems;
  auto pipeline =
      compiled(context, workspace, stored->id, stored->version, stored->definition, problems);
  if (!pipeline) {
    co_return Response::error(422, "invalid_pipeline", pipeline.error().message, problems);
  }
  if (auto bad = engine::check_inputs(**pipeline, *inputs); !bad.empty()) {
    co_return Response::error(422, "invalid_input",
                              std::to_string(bad.size()) + " input" +
                                  (bad.size() == 1 ? " is" : "s are") + " missing or wrong",
                              bad);
  }
  RunRequest run{
      std::string(workspace), stored->id, stored->version, std::move(*pipeline), std::move(*inputs),
      std::nullopt,           {}};
  co_return co_await start_run(context, request, std::move(run));
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
  auto pipeline = compiled(context, workspace, execution->pipeline_id, execution->pipeline_version,
                           version->definition, problems);
  if (!pipeline) {
    co_return Response::error(422, "invalid_pipeline", pipeline.error().message, problems);
  }
  auto node_runs = context.store.list_node_runs(workspace, execution->id);
  if (!node_runs) {
    co_return Response::from_error(node_runs.error());
  }
  RunRequest run{std::string(workspace),
                 execution->pipeline_id,
                 execution->pipeline_version,
                 std::move(*pipeline),
                 execution->inputs.is_object() ? execution->inputs.get_object() : json::object{},
                 execution->id,
                 {}};
  // Nodes that succeeded keep their outputs; the failed node and what follows run again.
  for (const auto& node : *node_runs) {
    if (node.status != "succeeded") {
      continue;
    }
    engine::ReusedOutput reused{std::make_shared<const json::value>(node.output), {}};
    if (node.handles.is_array()) {
      for (const auto& h : node.handles.get_array()) {
        if (h.is_string()) {
          reused.handles.emplace_back(h.get_string());
        }
      }
    }
    run.reuse.emplace(node.node_id, std::move(reused));
  }
  co_return co_await start_run(context, request, std::move(run));
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
