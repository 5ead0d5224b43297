// GET /api/queue: the caller's workspace's waiting and running jobs, per pipeline.
#include "api/handlers/support.hpp"
#include "runs/run_service.hpp"

namespace weft::api {
namespace {

Response queue(ApiContext& context, const Request& request) {
  if (context.run_service == nullptr) {
    return Response::from_error(
        Error::make(ErrorCode::unavailable, "the run queue is not served here"));
  }
  auto counts = context.run_service->queue().depth(workspace_of(request));
  if (!counts) {
    return Response::from_error(counts.error());
  }
  json::array pipelines;
  std::int64_t queued = 0;
  std::int64_t running = 0;
  for (const auto& count : *counts) {
    pipelines.push_back(json::object{
        {"pipeline_id", count.pipeline_id}, {"queued", count.queued}, {"running", count.running}});
    queued += count.queued;
    running += count.running;
  }
  return Response::json(
      200,
      json::object{{"pipelines", std::move(pipelines)}, {"queued", queued}, {"running", running}});
}

}  // namespace

void add_queue_routes(Router& router, ApiContext& context) {
  ApiContext* ctx = &context;
  router.add("GET", "/api/queue", sync_handler([ctx](Request& r) { return queue(*ctx, r); }));
}

}  // namespace weft::api
