#pragma once
// A node run between the engine and the store: recorded when it settles,
// reused (its output and chosen handles) when a run resumes or is retried.

#include <string_view>

#include "engine/run_result.hpp"
#include "engine/run_shared.hpp"
#include "store/store.hpp"

namespace weft::runs {

store::NodeRunRecord to_record(std::string_view workspace, std::string_view execution_id,
                               const engine::NodeRun& node);

/// A succeeded node run's output and chosen handles, for reuse in a new run.
engine::ReusedOutput reused_output(const store::NodeRunRecord& node_run);

}  // namespace weft::runs
