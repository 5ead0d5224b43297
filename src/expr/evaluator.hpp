#pragma once
// Evaluates a compiled tree against a Scope. Each call keeps its own state on
// the stack; the tree and the scope are only read, so one tree can be
// evaluated from several threads at once.

#include <string_view>

#include "common/result.hpp"
#include "expr/expr.hpp"
#include "expr/node.hpp"
#include "expr/value.hpp"

namespace weft::expr {

struct EvalContext {
  const Scope& scope;
  std::string_view source;  ///< the text the tree's offsets point into
  const Limits& limits;
};

/// The value of `root`; borrowed values stay valid while the scope and tree do.
Result<Val> evaluate_node(const Node& root, const EvalContext& context);

}  // namespace weft::expr
