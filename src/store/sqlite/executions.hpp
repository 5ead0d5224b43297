#pragma once
// Reading executions and their node runs (writes go through run_writes.hpp).

#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "store/sqlite/connection.hpp"
#include "store/store.hpp"

namespace weft::store::sqlite {

inline constexpr int kMaxPageSize = 200;

/// One page, newest first; invalid_argument "bad cursor" for a cursor we did not write.
Result<ExecutionPage> select_executions(Connection& db, std::string_view workspace,
                                        const ExecutionFilter& filter);
Result<ExecutionRecord> select_execution(Connection& db, std::string_view workspace,
                                         std::string_view id);
/// By started_at, then node id; node runs that never started (skipped) last.
Result<std::vector<NodeRunRecord>> select_node_runs(Connection& db, std::string_view workspace,
                                                    std::string_view execution_id);

}  // namespace weft::store::sqlite
