#pragma once
// The binary operators and unary minus on values. No implicit conversions:
// `'a' + 1` is an error, not "a1".

#include "common/json.hpp"
#include "common/result.hpp"
#include "expr/expr.hpp"
#include "expr/node.hpp"

namespace weft::expr {

/// Applies `op` (not `and`/`or`, which short-circuit in the evaluator).
/// Errors carry only the detail ("cannot add string and integer"); the
/// evaluator adds the column.
Result<json::value> apply_binary(BinaryOp op, const json::value& a, const json::value& b,
                                 const Limits& limits);

/// `-value` for a number.
Result<json::value> negate(const json::value& value);

/// The source spelling of `op` ("+", "not in").
std::string_view op_text(BinaryOp op);

}  // namespace weft::expr
