#include "triggers/trigger_runs.hpp"

#include "engine/engine.hpp"

namespace weft::triggers {

Result<runs::Submission> prepare_run(store::Store& store, runs::PipelineCache& pipelines,
                                     const store::TriggerRecord& trigger, json::object inputs,
                                     runs::Trigger kind, Problems& problems) {
  auto stored = store.get_pipeline(trigger.workspace_id, trigger.pipeline_id);
  if (!stored) {
    return std::move(stored).error();
  }
  auto outcome = pipelines.get(
      {trigger.workspace_id, stored->id, stored->version, stored->updated_at}, stored->definition);
  if (!outcome.pipeline) {
    problems = outcome.problems;
    return Error::make(ErrorCode::invalid_input,
                       "pipeline `" + stored->id + "` version " + std::to_string(stored->version) +
                           " has problems; fix them and publish it again");
  }
  if (const json::object* fixed = trigger.inputs.if_object()) {
    for (const auto& [name, value] : *fixed) {
      if (!inputs.contains(name)) {
        inputs[name] = value;
      }
    }
  }
  problems = engine::check_inputs(*outcome.pipeline, inputs);
  if (!problems.empty()) {
    return Error::make(ErrorCode::invalid_input, std::to_string(problems.size()) + " input" +
                                                     (problems.size() == 1 ? " is" : "s are") +
                                                     " missing or wrong");
  }
  runs::Job job = runs::job_for(trigger.workspace_id, stored->id, stored->version,
                                *outcome.pipeline, std::move(inputs), kind);
  if (!trigger.id.empty()) {
    job.trigger_id = trigger.id;
  }
  runs::Submission submission{std::move(job), std::move(outcome.pipeline)};
  return submission;
}

Result<std::string> start_scheduled_run(store::Store& store, runs::PipelineCache& pipelines,
                                        runs::RunService& service,
                                        const store::TriggerRecord& trigger) {
  Problems problems;
  auto submission =
      prepare_run(store, pipelines, trigger, json::object{}, runs::Trigger::schedule, problems);
  if (!submission) {
    std::string message = submission.error().message;
    if (!problems.empty()) {
      message += ": " + problems.front().pointer + " " + problems.front().message;
    }
    return Error::make(submission.error().code, std::move(message));
  }
  auto submitted = service.submit(std::move(*submission));
  if (!submitted) {
    return std::move(submitted).error();
  }
  return std::move(submitted->execution_id);
}

}  // namespace weft::triggers
