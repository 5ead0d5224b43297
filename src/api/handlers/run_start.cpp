#include "api/handlers/run_start.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <mutex>

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

}  // namespace

Result<std::shared_ptr<const pipeline::CompiledGraph>> compiled_version(
    ApiContext& context, const PipelineCache::VersionKey& key, const json::value& definition,
    Problems& problems) {
  auto outcome = context.pipelines.get(key, definition);
  if (!outcome.pipeline) {
    problems = first_problems(outcome.problems, context.limits);
    return Error::make(ErrorCode::invalid_input, "pipeline `" + std::string(key.id) + "` version " +
                                                     std::to_string(key.version) +
                                                     " has problems; fix them before running it");
  }
  return outcome.pipeline;
}

Response invalid_pipeline(const Error& error, const Problems& problems) {
  return Response::error(422, "invalid_pipeline", error.message, problems);
}

std::optional<Response> check_run_inputs(const pipeline::CompiledGraph& pipeline,
                                         const json::object& inputs) {
  auto bad = engine::check_inputs(pipeline, inputs);
  if (bad.empty()) {
    return std::nullopt;
  }
  return Response::error(422, "invalid_input",
                         std::to_string(bad.size()) + " input" +
                             (bad.size() == 1 ? " is" : "s are") + " missing or wrong",
                         bad);
}

engine::ReusedOutput reused_output(const store::NodeRunRecord& node_run) {
  engine::ReusedOutput reused{std::make_shared<const json::value>(node_run.output), {}};
  if (node_run.handles.is_array()) {
    for (const auto& h : node_run.handles.get_array()) {
      if (h.is_string()) {
        reused.handles.emplace_back(h.get_string());
      }
    }
  }
  return reused;
}

asio::awaitable<Response> start_run(ApiContext& context, Request& request, RunRequest run,
                                    bool wait_default) {
  auto wait = query_bool(request, "wait", wait_default);
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

}  // namespace weft::api
