#pragma once
// A run waiting to be done, as plain data (DESIGN §13): what any worker, in
// this process or another, needs to start it. It round-trips through JSON, the
// form in which the queue keeps it.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/json.hpp"
#include "common/result.hpp"
#include "pipeline/compiled.hpp"
#include "pipeline/model.hpp"
#include "store/store.hpp"

namespace weft::runs {

/// What started a run.
enum class Trigger { api, editor, retry, cli, schedule, webhook, form, error_pipeline };
std::string_view to_string(Trigger trigger);
std::optional<Trigger> trigger_from(std::string_view text);

/// A pipeline's `settings.save_executions`: which finished runs are kept.
using SaveMode = pipeline::SaveExecutions;
std::string_view to_string(SaveMode mode);

struct Job {
  std::string workspace;
  std::string execution_id;
  std::string pipeline_id;
  std::int64_t pipeline_version = 0;
  json::object inputs;
  Trigger trigger = Trigger::api;
  int attempt = 1;
  std::int64_t priority = 0;  ///< higher first
  std::optional<std::int64_t> run_concurrency;
  SaveMode save = SaveMode::all;
  /// A run not started by then is recorded failed (timeout) instead of run.
  std::optional<store::Time> deadline;
  std::optional<std::string> retry_of;  ///< reuses that execution's succeeded blocks
  std::optional<std::string> trigger_id;  ///< the schedule, webhook or form that started it
};

/// A job for a run of `pipeline` (its settings: save mode, run limit, priority).
Job job_for(std::string_view workspace, std::string pipeline_id, std::int64_t version,
            const pipeline::CompiledGraph& pipeline, json::object inputs, Trigger trigger);

json::value to_json(const Job& job);
/// invalid_argument naming the first field that does not fit.
Result<Job> job_from_json(const json::value& value);

}  // namespace weft::runs
