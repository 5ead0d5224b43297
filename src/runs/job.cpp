#include "runs/job.hpp"

#include <array>
#include <utility>

namespace weft::runs {
namespace {

constexpr std::array<std::pair<Trigger, std::string_view>, 8> kTriggers{{
    {Trigger::api, "api"},
    {Trigger::editor, "editor"},
    {Trigger::retry, "retry"},
    {Trigger::cli, "cli"},
    {Trigger::schedule, "schedule"},
    {Trigger::webhook, "webhook"},
    {Trigger::form, "form"},
    {Trigger::error_pipeline, "error_pipeline"},
}};
constexpr std::array<std::pair<SaveMode, std::string_view>, 3> kSaveModes{{
    {SaveMode::all, "all"},
    {SaveMode::errors, "errors"},
    {SaveMode::none, "none"},
}};

Error bad(std::string_view field) {
  return Error::make(ErrorCode::invalid_argument,
                     "a job's `" + std::string(field) + "` is missing or of the wrong type");
}

std::optional<std::int64_t> integer(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_int64() ? std::optional(v->get_int64()) : std::nullopt;
}

}  // namespace

std::string_view to_string(Trigger trigger) {
  for (const auto& [value, name] : kTriggers) {
    if (value == trigger) {
      return name;
    }
  }
  return "api";
}

std::optional<Trigger> trigger_from(std::string_view text) {
  for (const auto& [value, name] : kTriggers) {
    if (name == text) {
      return value;
    }
  }
  return std::nullopt;
}

std::string_view to_string(SaveMode mode) {
  for (const auto& [value, name] : kSaveModes) {
    if (value == mode) {
      return name;
    }
  }
  return "all";
}

json::value to_json(const Job& job) {
  json::object out{{"workspace", job.workspace},     {"execution_id", job.execution_id},
                   {"pipeline_id", job.pipeline_id}, {"pipeline_version", job.pipeline_version},
                   {"inputs", job.inputs},           {"trigger", to_string(job.trigger)},
                   {"attempt", job.attempt},         {"priority", job.priority},
                   {"save", to_string(job.save)}};
  if (job.run_concurrency) {
    out["run_concurrency"] = *job.run_concurrency;
  }
  if (job.deadline) {
    out["deadline_ms"] =
        std::chrono::duration_cast<std::chrono::milliseconds>(job.deadline->time_since_epoch())
            .count();
  }
  if (job.retry_of) {
    out["retry_of"] = *job.retry_of;
  }
  if (job.trigger_id) {
    out["trigger_id"] = *job.trigger_id;
  }
  return out;
}

Result<Job> job_from_json(const json::value& value) {
  if (!value.is_object()) {
    return Error::make(ErrorCode::invalid_argument, "a job is a JSON object");
  }
  const json::object& o = value.get_object();
  Job job;
  for (auto [field, target] :
       {std::pair{"workspace", &job.workspace}, std::pair{"execution_id", &job.execution_id},
        std::pair{"pipeline_id", &job.pipeline_id}}) {
    const auto* v = o.if_contains(field);
    if (v == nullptr || !v->is_string() || v->get_string().empty()) {
      return bad(field);
    }
    *target = std::string(v->get_string());
  }
  const auto version = integer(o, "pipeline_version");
  const auto attempt = integer(o, "attempt");
  const auto priority = integer(o, "priority");
  const auto* inputs = o.if_contains("inputs");
  const auto* trigger = o.if_contains("trigger");
  const auto* save = o.if_contains("save");
  if (!version) {
    return bad("pipeline_version");
  }
  if (inputs == nullptr || !inputs->is_object()) {
    return bad("inputs");
  }
  std::optional<Trigger> parsed_trigger = trigger != nullptr && trigger->is_string()
                                              ? trigger_from(trigger->get_string())
                                              : std::nullopt;
  if (!parsed_trigger) {
    return bad("trigger");
  }
  if (!attempt || *attempt < 1 || !priority) {
    return bad(!attempt || *attempt < 1 ? "attempt" : "priority");
  }
  std::optional<SaveMode> parsed_save;
  for (const auto& [mode, name] : kSaveModes) {
    if (save != nullptr && save->is_string() && save->get_string() == name) {
      parsed_save = mode;
    }
  }
  if (!parsed_save) {
    return bad("save");
  }
  job.pipeline_version = *version;
  job.inputs = inputs->get_object();
  job.trigger = *parsed_trigger;
  job.attempt = static_cast<int>(*attempt);
  job.priority = *priority;
  job.save = *parsed_save;
  job.run_concurrency = integer(o, "run_concurrency");
  if (auto deadline = integer(o, "deadline_ms")) {
    job.deadline = store::Time(std::chrono::milliseconds(*deadline));
  }
  if (const auto* retry_of = o.if_contains("retry_of"); retry_of && retry_of->is_string()) {
    job.retry_of = std::string(retry_of->get_string());
  }
  if (const auto* id = o.if_contains("trigger_id"); id && id->is_string()) {
    job.trigger_id = std::string(id->get_string());
  }
  return job;
}

Job job_for(std::string_view workspace, std::string pipeline_id, std::int64_t version,
            const pipeline::CompiledGraph& pipeline, json::object inputs, Trigger trigger) {
  const auto& settings = pipeline.definition.settings;
  Job job;
  job.workspace = std::string(workspace);
  job.pipeline_id = std::move(pipeline_id);
  job.pipeline_version = version;
  job.inputs = std::move(inputs);
  job.trigger = trigger;
  job.priority = settings.priority;
  job.run_concurrency = settings.run_concurrency;
  job.save = settings.save_executions;
  return job;
}

}  // namespace weft::runs
