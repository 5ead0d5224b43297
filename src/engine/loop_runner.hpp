#pragma once
// Runs a loop body once per item, a bounded number at a time.

#include <boost/asio/awaitable.hpp>

#include "common/json.hpp"
#include "common/result.hpp"
#include "engine/run_shared.hpp"
#include "expr/expr.hpp"
#include "pipeline/compiled.hpp"

namespace weft::engine {

/// Outputs of `body` for each of `items`, in item order. The first failing
/// item stops the others and fails the loop; cancelling the awaiting
/// coroutine stops every iteration.
boost::asio::awaitable<Result<json::array>> run_loop(RunShared& shared, const expr::Scope& outer,
                                                     const pipeline::CompiledGraph& body,
                                                     const json::array& items, int concurrency);

}  // namespace weft::engine
