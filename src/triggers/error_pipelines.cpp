#include "triggers/error_pipelines.hpp"

#include "triggers/trigger_runs.hpp"

namespace weft::triggers {

ErrorPipelines::ErrorPipelines(store::Store& store, runs::PipelineCache& pipelines,
                               runs::RunService& service)
    : store_(store), pipelines_(pipelines), service_(service), thread_([this] { work(); }) {}

ErrorPipelines::~ErrorPipelines() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void ErrorPipelines::run_finished(const runs::RunInfo& run, std::string_view status) {
  if (status != "failed") {
    return;
  }
  {
    std::lock_guard lock(mutex_);
    if (waiting_.size() >= kMaxWaiting) {
      return;
    }
    waiting_.push_back(run);
  }
  wake_.notify_one();
}

void ErrorPipelines::work() {
  while (true) {
    runs::RunInfo run;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !waiting_.empty(); });
      if (waiting_.empty()) {
        return;  // stopping, and nothing left to report
      }
      run = std::move(waiting_.front());
      waiting_.pop_front();
    }
    (void)handle(run);
  }
}

Result<std::optional<std::string>> ErrorPipelines::handle(const runs::RunInfo& run) {
  auto failed = store_.get_execution(run.workspace, run.execution_id);
  if (!failed) {
    return std::move(failed).error();
  }
  if (failed->trigger == runs::to_string(runs::Trigger::error_pipeline)) {
    return std::optional<std::string>{};
  }
  auto version = store_.get_version(run.workspace, failed->pipeline_id, failed->pipeline_version);
  if (!version) {
    return std::move(version).error();
  }
  auto compiled = pipelines_.get(
      {run.workspace, failed->pipeline_id, failed->pipeline_version, version->created_at},
      version->definition);
  if (!compiled.pipeline) {
    return std::optional<std::string>{};
  }
  const auto& target = compiled.pipeline->definition.settings.error_pipeline;
  if (!target || *target == failed->pipeline_id) {
    return std::optional<std::string>{};
  }
  const json::value* node =
      failed->error.is_object() ? failed->error.get_object().if_contains("node_id") : nullptr;
  json::object failure{{"execution_id", failed->id},
                       {"pipeline_id", failed->pipeline_id},
                       {"pipeline_name", version->name},
                       {"failed_node", node != nullptr ? *node : json::value(nullptr)},
                       {"error", failed->error},
                       {"inputs", failed->inputs}};
  store::TriggerRecord source;
  source.workspace_id = run.workspace;
  source.pipeline_id = *target;
  source.inputs = json::object{};
  Problems problems;
  auto submission = prepare_run(store_, pipelines_, source, json::object{{"failure", failure}},
                                runs::Trigger::error_pipeline, problems);
  if (!submission) {
    return std::move(submission).error();
  }
  auto submitted = service_.submit(std::move(*submission));
  if (!submitted) {
    return std::move(submitted).error();
  }
  return std::optional<std::string>(submitted->execution_id);
}

}  // namespace weft::triggers
