// Expression: one compiled expression.

#include "expr/errors.hpp"
#include "expr/evaluator.hpp"
#include "expr/expr.hpp"
#include "expr/parser.hpp"

namespace weft::expr {

Result<Expression> Expression::compile(std::string_view source, const Limits& limits) {
  auto parsed = parse_expression_source(source, limits);
  if (!parsed) {
    return std::move(parsed).error();
  }
  Expression expression;
  expression.root_ = std::move(parsed->root);
  expression.references_ = std::move(parsed->references);
  expression.source_ = std::string(source);
  expression.limits_ = limits;
  return expression;
}

Result<json::value> Expression::evaluate(const Scope& scope) const {
  if (!root_) {
    return expression_error("empty expression");
  }
  auto value = evaluate_node(*root_, EvalContext{scope, source_, limits_});
  if (!value) {
    return std::move(value).error();
  }
  return finite_result(std::move(value).value().take(), source_);
}

}  // namespace weft::expr
