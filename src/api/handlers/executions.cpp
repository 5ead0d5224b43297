// /api/executions: list (filters, cursor paging), read with node runs, cancel.
#include <algorithm>

#include "api/handlers/support.hpp"
#include "api/records.hpp"
#include "runs/job.hpp"
#include "runs/run_service.hpp"

namespace weft::api {
namespace {

constexpr std::string_view kStatuses[] = {"queued", "running",   "succeeded",
                                          "failed", "cancelled", "interrupted"};

Result<store::ExecutionFilter> filter_of(const Request& request) {
  store::ExecutionFilter filter;
  if (const auto* p = request.query_param("pipeline_id")) {
    filter.pipeline_id = *p;
  }
  if (const auto* s = request.query_param("status")) {
    if (std::find(std::begin(kStatuses), std::end(kStatuses), *s) == std::end(kStatuses)) {
      return Error::make(ErrorCode::invalid_argument,
                         "`status` must be one of queued, running, succeeded, failed, cancelled, "
                         "interrupted; got `" +
                             *s + "`");
    }
    filter.status = *s;
  }
  if (const auto* t = request.query_param("trigger")) {
    if (!runs::trigger_from(*t)) {
      return Error::make(ErrorCode::invalid_argument,
                         "`trigger` must be one of api, editor, retry, cli, schedule, webhook, "
                         "form, error_pipeline; got `" +
                             *t + "`");
    }
    filter.trigger = *t;
  }
  if (const auto* id = request.query_param("trigger_id")) {
    filter.trigger_id = *id;
  }
  for (auto [name, slot] : {std::pair{"from", &filter.from}, std::pair{"to", &filter.to}}) {
    if (const auto* text = request.query_param(name)) {
      *slot = parse_time(*text);
      if (!*slot) {
        return Error::make(
            ErrorCode::invalid_argument,
            std::string("`") + name +
                "` must be an RFC 3339 time (2026-11-24T10:00:00Z) or epoch milliseconds");
      }
    }
  }
  auto limit = query_int(request, "limit", 1, 200);
  if (!limit) {
    return std::move(limit).error();
  }
  filter.limit = static_cast<int>(limit->value_or(50));
  if (const auto* cursor = request.query_param("cursor")) {
    filter.cursor = *cursor;
  }
  return filter;
}

/// forbidden unless the caller may read executions of `pipeline_id` (an API
/// key limited to one pipeline reads that one's only).
std::optional<Error> refused(const Request& request, std::string_view pipeline_id) {
  if (!request.caller || request.caller->may_read_execution(pipeline_id)) {
    return std::nullopt;
  }
  return Error::make(ErrorCode::forbidden, "this API key reads the executions of pipeline `" +
                                               *request.caller->api_key_pipeline + "` only");
}

Response list(ApiContext& context, const Request& request) {
  auto filter = filter_of(request);
  if (!filter) {
    return Response::from_error(filter.error());
  }
  // A key limited to one pipeline lists that pipeline's executions only.
  if (request.caller && request.caller->api_key_pipeline) {
    if (auto no = filter->pipeline_id ? refused(request, *filter->pipeline_id) : std::nullopt) {
      return Response::from_error(*no);
    }
    filter->pipeline_id = *request.caller->api_key_pipeline;
  }
  auto page = context.store.list_executions(workspace_of(request), *filter);
  if (!page) {
    return Response::from_error(page.error());
  }
  json::array items;
  for (const auto& e : page->items) {
    items.push_back(to_json(e));
  }
  json::object body{{"items", std::move(items)}};
  body["next_cursor"] =
      page->next_cursor.empty() ? json::value(nullptr) : json::value(page->next_cursor);
  return Response::json(200, body);
}

Response get(ApiContext& context, const Request& request) {
  const auto workspace = workspace_of(request);
  auto execution = context.store.get_execution(workspace, request.param("id"));
  if (!execution) {
    return Response::from_error(execution.error());
  }
  if (auto no = refused(request, execution->pipeline_id)) {
    return Response::from_error(*no);
  }
  auto node_runs = context.store.list_node_runs(workspace, execution->id);
  if (!node_runs) {
    return Response::from_error(node_runs.error());
  }
  json::object body = to_json(*execution);
  if (execution->status == "queued" && context.run_service != nullptr) {
    if (auto position = context.run_service->queue().position(workspace, execution->id);
        position && *position) {
      body["queue_position"] = **position;
    }
  }
  json::array nodes;
  for (const auto& n : *node_runs) {
    nodes.push_back(to_json(n));
  }
  body["node_runs"] = std::move(nodes);
  return Response::json(200, body);
}

Response cancel(ApiContext& context, const Request& request) {
  const auto workspace = workspace_of(request);
  const std::string id(request.param("id"));
  if (context.run_service != nullptr ? context.run_service->cancel(workspace, id)
                                     : context.runs.cancel(workspace, id)) {
    return Response::json(202, json::object{{"execution_id", id}, {"status", "cancelling"}});
  }
  auto execution = context.store.get_execution(workspace, id);
  if (!execution) {
    return Response::from_error(execution.error());
  }
  return Response::error(
      409, "conflict",
      "execution `" + id + "` is not running; it " +
          (execution->status == "running" ? "is finishing" : "is " + execution->status));
}

}  // namespace

void add_execution_routes(Router& router, ApiContext& context) {
  ApiContext* ctx = &context;
  router.add("GET", "/api/executions", sync_handler([ctx](Request& r) { return list(*ctx, r); }));
  router.add("GET", "/api/executions/{id}",
             sync_handler([ctx](Request& r) { return get(*ctx, r); }));
  router.add("POST", "/api/executions/{id}/cancel",
             sync_handler([ctx](Request& r) { return cancel(*ctx, r); }));
}

}  // namespace weft::api
