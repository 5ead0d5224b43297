#pragma once
// The Evaluator class, split over evaluator.cpp (operators, literals, calls)
// and evaluator_access.cpp (names and access, where values go missing).

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "expr/call.hpp"
#include "expr/evaluator.hpp"

namespace weft::expr {

class Evaluator {
 public:
  explicit Evaluator(const EvalContext& context) : context_(context) {}

  Result<Val> eval(const Node& node);

 private:
  // evaluator.cpp
  Result<Val> eval_negate(const Node& node);
  Result<Val> eval_not(const Node& node);
  Result<Val> eval_logical(const Node& node);
  Result<Val> eval_conditional(const Node& node);
  Result<Val> eval_binary(const Node& node);
  Result<Val> eval_array(const Node& node);
  Result<Val> eval_object(const Node& node);
  Result<Val> eval_filter(const Node& node);
  Result<Val> eval_default(const Node& node);
  Result<Val> eval_call(const Node& node);
  Status eval_args(const Node& node, std::size_t first, std::array<Val, max_call_args>& values,
                   CallArgs& args);
  Error too_large(const Node& node, std::string_view what);

  // evaluator_access.cpp
  Result<Val> eval_name(const Node& node);
  Result<Val> eval_node_ref(const Node& node);
  Result<Val> eval_member(const Node& node);
  Result<Val> eval_index(const Node& node);
  Result<Val> field(const Node& node, Val object, std::string_view key);
  Result<Val> element(const Node& node, Val array, const json::value& index);
  Error not_container(const Node& node, const json::value& value, std::string_view wanted);
  std::string scope_suggestion(std::string_view name) const;

  // Errors. A "missing" error (unbound name, absent field, index out of
  // range, access on null) may be replaced by `| default(x)`; `missing_` says
  // whether the error now travelling up the tree is one.
  Error missing(std::string message);
  Error fail(Error error);
  std::string_view span(const Node& node) const;
  std::string quote_span(const Node& node) const;

  const EvalContext& context_;
  bool missing_ = false;
};

}  // namespace weft::expr
