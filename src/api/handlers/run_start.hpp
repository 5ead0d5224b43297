#pragma once
// What the run-starting handlers share: compiling a stored version, turning
// recorded node runs into reusable outputs, and answering per `wait`.

#include <boost/asio/awaitable.hpp>
#include <memory>
#include <unordered_map>
#include <vector>

#include "api/api.hpp"
#include "runs/run_service.hpp"

namespace weft::api {

/// The compiled pipeline for a stored version; invalid_input (with `problems`
/// filled) when that version has problems.
Result<std::shared_ptr<const pipeline::CompiledGraph>> compiled_version(
    ApiContext& context, const runs::PipelineCache::VersionKey& key, const json::value& definition,
    Problems& problems);

/// The 422 for a pipeline version that cannot run.
Response invalid_pipeline(const Error& error, const Problems& problems);

/// The 422 for inputs that do not fit the pipeline's input blocks (empty: none).
std::optional<Response> check_run_inputs(const pipeline::CompiledGraph& pipeline,
                                         const json::object& inputs);

/// Submits a run to the RunService and answers per the request's `wait`
/// (default `wait_default`) and `timeout_ms` parameters: 202 with the
/// execution id (once a queued run's records are durable), or 200 with the
/// outcome once the run ends.
boost::asio::awaitable<Response> submit_run(ApiContext& context, Request& request,
                                            runs::Submission submission, bool wait_default = true);

/// Submits a run and answers 202 once its records are durable (`wait`
/// false), or 200 with the outcome once it ends within `limit` (else 202).
boost::asio::awaitable<Response> start_and_answer(ApiContext& context,
                                                  runs::Submission submission, bool wait,
                                                  std::chrono::milliseconds limit);

}  // namespace weft::api
