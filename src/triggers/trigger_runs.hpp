#pragma once
// The run a trigger starts (issue 12), made the same way for schedules,
// webhooks and forms: the pipeline's published version (never a draft), the
// inputs the delivery carries with the trigger's fixed inputs for what it
// lacks, checked against the pipeline's input blocks.

#include "common/problem.hpp"
#include "runs/job.hpp"
#include "runs/pipeline_cache.hpp"
#include "runs/run_service.hpp"
#include "store/store.hpp"

namespace weft::triggers {

/// The submission for a run of `trigger`'s pipeline (not yet submitted).
/// Errors: not_found (the pipeline is gone), invalid_input with `problems`
/// (the version cannot run, or the inputs do not fit it).
Result<runs::Submission> prepare_run(store::Store& store, runs::PipelineCache& pipelines,
                                     const store::TriggerRecord& trigger, json::object inputs,
                                     runs::Trigger kind, Problems& problems);

/// Starts a schedule's tick as a queued run (FireSchedule for the Scheduler).
Result<std::string> start_scheduled_run(store::Store& store, runs::PipelineCache& pipelines,
                                        runs::RunService& service,
                                        const store::TriggerRecord& trigger);

}  // namespace weft::triggers
