#include "expr/evaluator.hpp"

#include "expr/errors.hpp"
#include "expr/evaluator_impl.hpp"
#include "expr/operators.hpp"
#include "expr/values.hpp"

namespace weft::expr {

Result<Val> evaluate_node(const Node& root, const EvalContext& context) {
  return Evaluator(context).eval(root);
}

Result<Val> Evaluator::eval(const Node& node) {
  switch (node.kind) {
    case NodeKind::literal:
      return Val::borrowed(node.constant);
    case NodeKind::name:
      return eval_name(node);
    case NodeKind::node_ref:
      return eval_node_ref(node);
    case NodeKind::member:
      return eval_member(node);
    case NodeKind::index:
      return eval_index(node);
    case NodeKind::negate:
      return eval_negate(node);
    case NodeKind::logical_not:
      return eval_not(node);
    case NodeKind::binary:
      return eval_binary(node);
    case NodeKind::logical_and:
    case NodeKind::logical_or:
      return eval_logical(node);
    case NodeKind::conditional:
      return eval_conditional(node);
    case NodeKind::array:
      return eval_array(node);
    case NodeKind::object:
      return eval_object(node);
    case NodeKind::filter:
      return eval_filter(node);
    case NodeKind::call:
      return eval_call(node);
  }
  return fail(expression_error("internal: unknown expression node"));
}

Result<Val> Evaluator::eval_negate(const Node& node) {
  auto operand = eval(*node.children[0]);
  if (!operand) {
    return operand;
  }
  auto result = negate(operand->get());
  if (!result) {
    return fail(expression_error(result.error().message + " " + at_column(node.position)));
  }
  return Val::owned(std::move(result).value());
}

Result<Val> Evaluator::eval_not(const Node& node) {
  auto operand = eval(*node.children[0]);
  if (!operand) {
    return operand;
  }
  return Val::owned(json::value(!truthy(operand->get())));
}

// `and` / `or` evaluate their right side only when needed and give a boolean.
Result<Val> Evaluator::eval_logical(const Node& node) {
  auto left = eval(*node.children[0]);
  if (!left) {
    return left;
  }
  const bool left_true = truthy(left->get());
  if (node.kind == NodeKind::logical_and ? !left_true : left_true) {
    return Val::owned(json::value(left_true));
  }
  auto right = eval(*node.children[1]);
  if (!right) {
    return right;
  }
  return Val::owned(json::value(truthy(right->get())));
}

Result<Val> Evaluator::eval_conditional(const Node& node) {
  auto condition = eval(*node.children[0]);
  if (!condition) {
    return condition;
  }
  return eval(*node.children[truthy(condition->get()) ? 1 : 2]);
}

Result<Val> Evaluator::eval_binary(const Node& node) {
  auto left = eval(*node.children[0]);
  if (!left) {
    return left;
  }
  auto right = eval(*node.children[1]);
  if (!right) {
    return right;
  }
  auto result = apply_binary(node.op, left->get(), right->get(), context_.limits);
  if (!result) {
    Error error = std::move(result).error();
    error.message += " " + at_column(node.position);
    return fail(std::move(error));
  }
  return Val::owned(std::move(result).value());
}

Result<Val> Evaluator::eval_array(const Node& node) {
  const std::size_t cap = context_.limits.max_output_bytes;
  std::size_t size = 2;
  json::array out;
  out.reserve(node.children.size());
  for (const auto& child : node.children) {
    auto element = eval(*child);
    if (!element) {
      return element;
    }
    size += estimate_size(element->get(), cap) + 1;
    if (size > cap) {
      return fail(too_large(node, "list"));
    }
    out.push_back(std::move(element).value().take());
  }
  return Val::owned(json::value(std::move(out)));
}

Result<Val> Evaluator::eval_object(const Node& node) {
  const std::size_t cap = context_.limits.max_output_bytes;
  std::size_t size = 2;
  json::object out;
  for (std::size_t i = 0; i < node.children.size(); ++i) {
    auto value = eval(*node.children[i]);
    if (!value) {
      return value;
    }
    size += node.keys[i].size() + 4 + estimate_size(value->get(), cap);
    if (size > cap) {
      return fail(too_large(node, "object"));
    }
    out[node.keys[i]] = std::move(value).value().take();
  }
  return Val::owned(json::value(std::move(out)));
}

Result<Val> Evaluator::eval_filter(const Node& node) {
  if (node.filter->fn == nullptr) {
    return eval_default(node);
  }
  auto input = eval(*node.children[0]);
  if (!input) {
    return input;
  }
  std::array<Val, max_call_args> values;
  CallArgs args;
  if (auto status = eval_args(node, 1, values, args); !status) {
    return std::move(status).error();
  }
  auto result = node.filter->fn(input->get(), args, context_.limits);
  if (!result) {
    Error error = std::move(result).error();
    error.message =
        "filter " + quote(node.text) + " " + at_column(node.position) + ": " + error.message;
    return fail(std::move(error));
  }
  return Val::owned(std::move(result).value());
}

// `x | default(y)`: y when x is null or missing (see `missing_`).
Result<Val> Evaluator::eval_default(const Node& node) {
  auto input = eval(*node.children[0]);
  if (input && !input->get().is_null()) {
    return input;
  }
  if (!input && !missing_) {
    return input;
  }
  missing_ = false;
  return eval(*node.children[1]);
}

Result<Val> Evaluator::eval_call(const Node& node) {
  std::array<Val, max_call_args> values;
  CallArgs args;
  if (auto status = eval_args(node, 0, values, args); !status) {
    return std::move(status).error();
  }
  auto result = node.function->fn(args, context_.limits);
  if (!result) {
    Error error = std::move(result).error();
    error.message =
        "function " + quote(node.text) + " " + at_column(node.position) + ": " + error.message;
    return fail(std::move(error));
  }
  return Val::owned(std::move(result).value());
}

Status Evaluator::eval_args(const Node& node, std::size_t first,
                            std::array<Val, max_call_args>& values, CallArgs& args) {
  for (std::size_t i = first; i < node.children.size(); ++i) {
    auto value = eval(*node.children[i]);
    if (!value) {
      return std::move(value).error();
    }
    values[args.count] = std::move(value).value();
    // Point at the Val's storage only once it sits in `values`.
    args.values[args.count] = &values[args.count].get();
    ++args.count;
  }
  return Ok{};
}

Error Evaluator::too_large(const Node& node, std::string_view what) {
  return limit_error("the " + std::string(what) + " built " + at_column(node.position) +
                     " is larger than the limit of " +
                     std::to_string(context_.limits.max_output_bytes) + " bytes");
}

Error Evaluator::missing(std::string message) {
  missing_ = true;
  return expression_error(std::move(message));
}

Error Evaluator::fail(Error error) {
  missing_ = false;
  return error;
}

std::string_view Evaluator::span(const Node& node) const {
  if (node.begin >= context_.source.size() || node.end <= node.begin) {
    return {};
  }
  return context_.source.substr(node.begin, node.end - node.begin);
}

std::string Evaluator::quote_span(const Node& node) const {
  return quote(span(node));
}

}  // namespace weft::expr
