// Triggers (DESIGN §9, issue 12): /api/triggers (list, create),
// /api/triggers/{id} (get, put, delete), POST /api/triggers/{id}/rotate (a
// new secret URL) and POST /api/triggers/preview (a schedule's next fire
// times, nothing saved).
#include <chrono>

#include "api/handlers/support.hpp"
#include "api/records.hpp"
#include "auth/encoding.hpp"
#include "common/ids.hpp"
#include "triggers/schedule.hpp"
#include "triggers/scheduler.hpp"
#include "triggers/webhook.hpp"

namespace weft::api {
namespace {

using Clock = std::chrono::system_clock;
constexpr int kPreviewCount = 5;
/// Triggers one pipeline may have: bounds what listing them costs.
constexpr std::size_t kMaxPerPipeline = 100;

/// What a PUT or POST body sets; the kind's config checked and normalised.
struct TriggerBody {
  std::string pipeline_id;
  std::string kind;
  bool enabled = true;
  json::value config;
  json::object inputs;
};

Response problems_response(const Error& error, const Problems& problems,
                           const ServerLimits& limits) {
  return Response::from_error(error, first_problems(problems, limits));
}

/// Checks `config` for `kind`; problems point into `/config`.
Status check_config(std::string_view kind, const json::value& config, Problems& problems) {
  if (kind == "schedule") {
    auto parsed = triggers::parse_schedule(config, problems);
    return parsed ? Status(Ok{}) : Status(std::move(parsed).error());
  }
  if (kind == "webhook") {
    auto parsed = triggers::parse_webhook_config(config, problems);
    return parsed ? Status(Ok{}) : Status(std::move(parsed).error());
  }
  auto parsed = triggers::parse_form_config(config, problems);
  return parsed ? Status(Ok{}) : Status(std::move(parsed).error());
}

Result<TriggerBody> read_body(const Request& request, const ServerLimits& limits,
                              const store::TriggerRecord* existing, Problems& problems) {
  auto object = body_object(request, limits, false);
  if (!object) {
    return std::move(object).error();
  }
  TriggerBody body;
  if (existing != nullptr) {
    body.pipeline_id = existing->pipeline_id;
    body.kind = existing->kind;
    body.enabled = existing->enabled;
    body.config = existing->config;
    body.inputs = existing->inputs.is_object() ? existing->inputs.get_object() : json::object{};
  }
  for (const auto& [key, value] : *object) {
    if (key == "pipeline_id") {
      if (!value.is_string() || value.get_string().empty()) {
        problems.push_back({"/pipeline_id", "`pipeline_id` names the pipeline to run"});
      } else if (existing != nullptr && value.get_string() != existing->pipeline_id) {
        problems.push_back({"/pipeline_id", "a trigger stays with its pipeline; make a new one"});
      } else {
        body.pipeline_id = std::string(value.get_string());
      }
    } else if (key == "kind") {
      const std::string_view kind = value.is_string() ? value.get_string() : "";
      if (kind != "schedule" && kind != "webhook" && kind != "form") {
        problems.push_back({"/kind", "`kind` is schedule, webhook or form"});
      } else if (existing != nullptr && kind != existing->kind) {
        problems.push_back({"/kind", "a trigger keeps its kind; make a new one"});
      } else {
        body.kind = std::string(kind);
      }
    } else if (key == "enabled") {
      if (!value.is_bool()) {
        problems.push_back({"/enabled", "`enabled` is true or false"});
      } else {
        body.enabled = value.get_bool();
      }
    } else if (key == "config") {
      if (!value.is_object()) {
        problems.push_back({"/config", "`config` is an object of the trigger's settings"});
      } else {
        body.config = value;
      }
    } else if (key == "inputs") {
      if (!value.is_object()) {
        problems.push_back({"/inputs", "`inputs` is an object of the pipeline's inputs"});
      } else {
        body.inputs = value.get_object();
      }
    } else if (key != "id" && key != "url" && key != "next_fire_times" && key != "created_at" &&
               key != "updated_at" && key != "last_fired_at" && key != "last_execution_id" &&
               key != "last_error" && key != "fire_count") {
      problems.push_back(
          {"/" + std::string(key), "a trigger has no field `" + std::string(key) + "`"});
    }
  }
  if (existing == nullptr && body.pipeline_id.empty() &&
      std::none_of(problems.begin(), problems.end(),
                   [](const Problem& p) { return p.pointer == "/pipeline_id"; })) {
    problems.push_back({"/pipeline_id", "`pipeline_id` names the pipeline to run"});
  }
  if (body.kind.empty()) {
    if (std::none_of(problems.begin(), problems.end(),
                     [](const Problem& p) { return p.pointer == "/kind"; })) {
      problems.push_back({"/kind", "`kind` is schedule, webhook or form"});
    }
  } else {
    (void)check_config(body.kind, body.config, problems);
  }
  if (!problems.empty()) {
    return Error::make(ErrorCode::invalid_input, problems.front().message);
  }
  return body;
}

/// When a schedule fires next (none when paused or for other kinds).
std::optional<store::Time> next_tick(const TriggerBody& body, store::Time now) {
  if (body.kind != "schedule" || !body.enabled) {
    return std::nullopt;
  }
  Problems ignored;
  auto schedule = triggers::parse_schedule(body.config, ignored);
  return schedule ? triggers::next_fire(*schedule, now) : std::nullopt;
}

std::string url_of(const store::TriggerRecord& record) {
  if (!record.token) {
    return "";
  }
  return (record.kind == "form" ? "/f/" : "/hooks/") + *record.token;
}

json::value optional_text(const std::optional<std::string>& text) {
  return text ? json::value(*text) : json::value(nullptr);
}

json::object trigger_json(const store::TriggerRecord& record) {
  json::object out{
      {"id", record.id},
      {"pipeline_id", record.pipeline_id},
      {"kind", record.kind},
      {"enabled", record.enabled},
      {"config", record.config},
      {"inputs", record.inputs},
      {"created_at", format_time(record.created_at)},
      {"updated_at", format_time(record.updated_at)},
      {"last_fired_at", record.last_fired_at ? json::value(format_time(*record.last_fired_at))
                                             : json::value(nullptr)},
      {"last_execution_id", optional_text(record.last_execution_id)},
      {"last_error", optional_text(record.last_error)},
      {"fire_count", record.fire_count}};
  if (record.kind == "schedule") {
    json::array times;
    Problems ignored;
    if (auto schedule = triggers::parse_schedule(record.config, ignored);
        schedule && record.enabled && record.next_fire_at) {
      times.push_back(json::value(triggers::local_iso(*schedule, *record.next_fire_at)));
      for (auto time : triggers::next_fires(*schedule, *record.next_fire_at, kPreviewCount - 1)) {
        times.push_back(json::value(triggers::local_iso(*schedule, time)));
      }
    }
    out["next_fire_times"] = std::move(times);
  } else {
    out["url"] = url_of(record);
  }
  return out;
}

void wake_scheduler(ApiContext& context, const store::TriggerRecord& record) {
  if (record.kind == "schedule" && context.scheduler != nullptr) {
    context.scheduler->wake();
  }
}

Response list_triggers(ApiContext& context, const Request& request) {
  std::optional<std::string_view> pipeline;
  if (const auto* p = request.query_param("pipeline_id")) {
    pipeline = *p;
  }
  auto records = context.store.triggers().list_triggers(workspace_of(request), pipeline);
  if (!records) {
    return Response::from_error(records.error());
  }
  json::array items;
  for (const auto& record : *records) {
    items.push_back(trigger_json(record));
  }
  return Response::json(200, json::object{{"triggers", std::move(items)}});
}

Response create_trigger(ApiContext& context, const Request& request) {
  Problems problems;
  auto body = read_body(request, context.limits, nullptr, problems);
  if (!body) {
    return problems.empty() ? Response::from_error(body.error())
                            : problems_response(body.error(), problems, context.limits);
  }
  auto existing = context.store.triggers().list_triggers(workspace_of(request), body->pipeline_id);
  if (!existing) {
    return Response::from_error(existing.error());
  }
  if (existing->size() >= kMaxPerPipeline) {
    return Response::from_error(
        Error::make(ErrorCode::limit_exceeded,
                    "pipeline `" + body->pipeline_id + "` has " + std::to_string(kMaxPerPipeline) +
                        " triggers already, the most it may have; delete one first"));
  }
  const auto now = Clock::now();
  store::TriggerRecord record;
  record.workspace_id = std::string(workspace_of(request));
  record.id = new_id("trg");
  record.pipeline_id = body->pipeline_id;
  record.kind = body->kind;
  record.enabled = body->enabled;
  record.config = body->config.is_null() ? json::value(json::object{}) : body->config;
  record.inputs = body->inputs;
  if (record.kind != "schedule") {
    record.token = auth::random_token();
  }
  record.next_fire_at = next_tick(*body, now);
  record.created_at = now;
  auto created = context.store.triggers().create_trigger(std::move(record));
  if (!created) {
    return Response::from_error(created.error());
  }
  wake_scheduler(context, *created);
  return Response::json(201, trigger_json(*created));
}

Response get_trigger(ApiContext& context, const Request& request) {
  auto record = context.store.triggers().get_trigger(workspace_of(request), request.param("id"));
  if (!record) {
    return Response::from_error(record.error());
  }
  return Response::json(200, trigger_json(*record));
}

Response put_trigger(ApiContext& context, const Request& request) {
  auto existing = context.store.triggers().get_trigger(workspace_of(request), request.param("id"));
  if (!existing) {
    return Response::from_error(existing.error());
  }
  Problems problems;
  auto body = read_body(request, context.limits, &*existing, problems);
  if (!body) {
    return problems.empty() ? Response::from_error(body.error())
                            : problems_response(body.error(), problems, context.limits);
  }
  const auto now = Clock::now();
  store::TriggerRecord record = std::move(*existing);
  record.enabled = body->enabled;
  record.config = body->config.is_null() ? json::value(json::object{}) : body->config;
  record.inputs = body->inputs;
  record.next_fire_at = next_tick(*body, now);
  auto saved = context.store.triggers().update_trigger(std::move(record), now);
  if (!saved) {
    return Response::from_error(saved.error());
  }
  wake_scheduler(context, *saved);
  return Response::json(200, trigger_json(*saved));
}

Response delete_trigger(ApiContext& context, const Request& request) {
  auto deleted =
      context.store.triggers().delete_trigger(workspace_of(request), request.param("id"));
  if (!deleted) {
    return Response::from_error(deleted.error());
  }
  return Response::text(204, "");
}

Response rotate_trigger(ApiContext& context, const Request& request) {
  auto record = context.store.triggers().get_trigger(workspace_of(request), request.param("id"));
  if (!record) {
    return Response::from_error(record.error());
  }
  if (record->kind == "schedule") {
    return Response::error(409, "conflict", "a schedule has no URL to rotate");
  }
  record->token = auth::random_token();
  auto saved = context.store.triggers().update_trigger(std::move(*record), Clock::now());
  if (!saved) {
    return Response::from_error(saved.error());
  }
  return Response::json(200, trigger_json(*saved));
}

Response preview(ApiContext& context, const Request& request) {
  auto object = body_object(request, context.limits, false);
  if (!object) {
    return Response::from_error(object.error());
  }
  const json::value* config = object->if_contains("config");
  Problems problems;
  auto schedule =
      triggers::parse_schedule(config != nullptr ? *config : json::value(nullptr), problems);
  if (!schedule) {
    return problems_response(schedule.error(), problems, context.limits);
  }
  json::array times;
  for (auto time : triggers::next_fires(*schedule, Clock::now(), kPreviewCount)) {
    times.push_back(json::value(triggers::local_iso(*schedule, time)));
  }
  return Response::json(200, json::object{{"next_fire_times", std::move(times)}});
}

}  // namespace

void add_trigger_routes(Router& router, ApiContext& context) {
  ApiContext* ctx = &context;
  router.add("GET", "/api/triggers",
             sync_handler([ctx](Request& r) { return list_triggers(*ctx, r); }));
  router.add("POST", "/api/triggers",
             sync_handler([ctx](Request& r) { return create_trigger(*ctx, r); }));
  router.add("POST", "/api/triggers/preview",
             sync_handler([ctx](Request& r) { return preview(*ctx, r); }));
  router.add("GET", "/api/triggers/{id}",
             sync_handler([ctx](Request& r) { return get_trigger(*ctx, r); }));
  router.add("PUT", "/api/triggers/{id}",
             sync_handler([ctx](Request& r) { return put_trigger(*ctx, r); }));
  router.add("DELETE", "/api/triggers/{id}",
             sync_handler([ctx](Request& r) { return delete_trigger(*ctx, r); }));
  router.add("POST", "/api/triggers/{id}/rotate",
             sync_handler([ctx](Request& r) { return rotate_trigger(*ctx, r); }));
}

}  // namespace weft::api
